package org.cityhub.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Contributes a health check, registered as an OSGi service. The hub is ready only while every indicator is;
 * checking must be quick and must not block.
 */
@ConsumerType
public interface HealthIndicator {

    /** The check's current result. */
    HealthCheck check();
}
