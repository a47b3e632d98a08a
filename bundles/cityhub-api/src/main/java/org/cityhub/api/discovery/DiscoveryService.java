package org.cityhub.api.discovery;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Finds a binding's devices; registered as an OSGi service by the binding. The hub asks for a scan when the
 * service arrives and whenever an integrator asks for one. A scan may report at once or over time; it must not
 * block for long (run slow work on the binding's own threads).
 */
@ConsumerType
public interface DiscoveryService {

    /** Looks for devices and reports each one found through the listener. */
    void scan(DiscoveryListener listener);
}
