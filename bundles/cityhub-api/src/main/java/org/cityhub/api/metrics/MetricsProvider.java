package org.cityhub.api.metrics;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Contributes current metric values, registered as an OSGi service. The hub asks every provider on each scrape
 * of {@code /api/metrics} and each {@code cityhub:stats}; collecting must be quick and must not block.
 */
@ConsumerType
public interface MetricsProvider {

    /** Reports every metric's current value to the sink. */
    void collect(MetricsSink sink);
}
