package org.cityhub.api.discovery;

import java.time.Instant;

/**
 * A discovered device waiting for an integrator.
 *
 * @param result what was discovered
 * @param ignored whether an integrator chose to ignore it (it stays, so that it is not offered again)
 * @param discovered when it was first discovered
 */
public record InboxEntry(DiscoveryResult result, boolean ignored, Instant discovered) {
}
