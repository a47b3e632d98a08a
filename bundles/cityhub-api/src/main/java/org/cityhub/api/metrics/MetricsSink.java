package org.cityhub.api.metrics;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives metric samples. Names follow Prometheus conventions: {@code cityhub_} prefix, snake case, counters
 * ending in {@code _total}; label names are {@code [a-z_]+}.
 */
@ProviderType
public interface MetricsSink {

    /** A value that only grows (events published, errors seen). */
    void counter(String name, String help, Map<String, String> labels, double value);

    /** A value that goes up and down (queue depth, connected clients). */
    void gauge(String name, String help, Map<String, String> labels, double value);
}
