package org.cityhub.itests;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.Before;

/** What every test of the running hub starts with: a client on the hub's port, once its REST API answers. */
abstract class HubTestSupport {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    HubClient hub;

    @Before
    public void connectToHub() {
        hub = new HubClient(CityHubDistribution.httpPort());
        await("REST up").atMost(PATIENCE).ignoreExceptions().until(() -> hub.get("/health").status() == 200);
    }
}
