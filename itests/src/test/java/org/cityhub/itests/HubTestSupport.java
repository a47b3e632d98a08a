package org.cityhub.itests;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import javax.inject.Inject;

import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.admin.TokenException;
import org.cityhub.api.admin.TokenService;
import org.cityhub.api.home.HouseholdDraft;
import org.cityhub.api.home.HouseholdException;
import org.cityhub.api.home.Households;
import org.junit.Before;

/**
 * What every test of the running hub starts with: an admin token from the hub's token service, as the console
 * would mint it, and a client on the hub's port once its REST API answers.
 */
abstract class HubTestSupport {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    TokenService tokens;

    @Inject
    Households households;

    HubClient hub;
    String adminToken;

    @Before
    public void connectToHub() throws TokenException {
        adminToken = token(Role.ADMIN, DepartmentScope.ALL);
        hub = new HubClient(CityHubDistribution.httpPort(), adminToken);
        // the hub answers while it reads its thing files; the tests start from the city those files define
        await("REST up and the thing files read").atMost(PATIENCE).ignoreExceptions()
                .until(() -> hub.get("/health").body().path("checks").path("thing-files").path("ready").asBoolean());
    }

    /**
     * A new resident's token's secret for this household, made (kept by office {@code community}) if the hub has
     * none of that id.
     */
    String residentToken(String household) throws TokenException, HouseholdException {
        if (households.get(household).isEmpty()) {
            households.put(new HouseholdDraft(household, household, "翠苑一区 " + household, "西湖区 Xihu",
                    "community"), "itest");
        }
        String name = "resident-" + UUID.randomUUID().toString().substring(0, 8);
        return tokens.createResident(name, Set.of(household), null, "itest").secret();
    }

    /** A new token's secret, with a unique name. */
    String token(Role role, DepartmentScope departments) throws TokenException {
        String name = role.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return tokens.create(name, role, departments, null, "itest").secret();
    }
}
