package org.cityhub.api.federation;

import java.util.List;

/**
 * How this hub fares in its federation, for {@code GET /api/hubs}, the console and health: the federation bundle
 * provides it while federation is configured.
 */
public interface FederationStatus {

    /** This hub's side: its id, where it stands, what waits for Kafka and what came in. */
    FederationState state();

    /** The other hubs this hub has heard of, alive or not, in id order. */
    List<HubInfo> hubs();
}
