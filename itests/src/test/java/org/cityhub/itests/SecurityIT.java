package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.itests.HubClient.Answer;
import org.cityhub.itests.HubClient.SseRecorder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What departments, tokens and abuse meet at the API: scopes, tickets, revocation, limits, CORS and the audit trail. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SecurityIT extends HubTestSupport {

    private static final String LIGHTING = "public-lighting";
    private static final String OWN_THING = "simulator:streetlight:harbour-1";
    private static final String OTHER_THING = "simulator:airquality:westlake-01";

    @Inject
    private EventBus bus;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options();
    }

    @Test
    public void aDepartmentSeesAndCommandsOnlyItsOwnThings() throws Exception {
        HubClient lighting = hub.as(token(Role.OPERATOR, DepartmentScope.parse(LIGHTING)));

        Answer list = lighting.get("/things");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).isNotEmpty().allSatisfy(thing ->
                assertThat(thing.get("department").asText()).isEqualTo(LIGHTING));
        assertThat(list.header("X-Total-Count")).isEqualTo(Integer.toString(list.body().size()));

        Answer other = lighting.get("/things/" + OTHER_THING);
        Answer missing = lighting.get("/things/simulator:airquality:never-was");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body().get("detail").asText()).isEqualTo("no thing " + OTHER_THING);
        assertThat(missing.status()).isEqualTo(404);

        assertThat(lighting.postJson("/things/" + OWN_THING + "/channels/power/command", "{\"command\": \"ON\"}").status())
                .isEqualTo(202);
        assertThat(lighting.postJson("/things/" + OTHER_THING + "/channels/pm25/command", "{\"command\": \"REFRESH\"}")
                .status()).isEqualTo(404);
        assertThat(lighting.postJson("/things", "{\"uid\": \"simulator:streetlight:not-mine\", \"label\": \"x\","
                + " \"department\": \"environment\"}").status()).isEqualTo(403);
    }

    @Test
    public void aThingCannotGoThroughAnotherDepartmentsBridgeUnlessAnAdminSharesIt() throws Exception {
        String gateway = "simulator:gateway:harbour-depot";
        String sneaky = "simulator:parking:sneaky";
        String orphan = "simulator:parking:orphan";
        assertThat(hub.postJson("/things", "{\"uid\": \"" + gateway + "\", \"label\": \"Depot gateway\","
                + " \"department\": \"transport\"}").status()).isEqualTo(201);
        HubClient environment = hub.as(token(Role.INTEGRATOR, DepartmentScope.parse("environment")));
        HubClient transport = hub.as(token(Role.INTEGRATOR, DepartmentScope.parse("transport")));

        Answer through = environment.postJson("/things", parking(sneaky, gateway));
        Answer nowhere = environment.postJson("/things", parking(orphan, "simulator:gateway:nowhere"));

        assertThat(through.status()).isEqualTo(nowhere.status()).isEqualTo(201);
        await("both wait").atMost(PATIENCE).until(() -> environment.get("/things/" + sneaky).body().at("/status/detail")
                .asText().equals("BRIDGE_UNINITIALIZED") && environment.get("/things/" + orphan).body()
                .at("/status/detail").asText().equals("BRIDGE_UNINITIALIZED"));
        assertThat(environment.get("/things/" + sneaky).body().at("/status/message").asText())
                .isEqualTo("bridge " + gateway + " has no running handler");
        assertThat(environment.get("/things/" + orphan).body().at("/status/message").asText())
                .isEqualTo("bridge simulator:gateway:nowhere has no running handler");

        String shared = "{\"label\": \"Depot gateway\", \"department\": \"transport\","
                + " \"sharedWith\": [\"environment\"]}";
        assertThat(environment.putJson("/things/" + gateway, shared).status()).isEqualTo(404);
        Answer byIntegrator = transport.putJson("/things/" + gateway, shared);
        assertThat(byIntegrator.status()).isEqualTo(403);
        assertThat(byIntegrator.body().get("detail").asText()).contains("only an admin shares a bridge");
        assertThat(hub.putJson("/things/" + gateway, shared).status()).isEqualTo(200);

        await("shared: the thing goes through").atMost(PATIENCE).until(() -> environment.get("/things/" + sneaky)
                .body().at("/status/status").asText().equals("ONLINE"));
        assertThat(hub.get("/things/" + gateway).body().get("sharedWith").toString()).isEqualTo("[\"environment\"]");
        for (String uid : List.of(sneaky, orphan, gateway)) {
            assertThat(hub.delete("/things/" + uid).status()).isEqualTo(204);
        }
    }

    /**
     * Issue 17, item 1, for every binding with bridges: a department's integrator naming another department's
     * broker connection, service account or resource gets exactly what naming one that does not exist gets.
     */
    @Test
    public void everyBindingsBridgesAndResourcesOfAnotherDepartmentAnswerAsIfTheyDidNotExist() throws Exception {
        String api = "http:endpoint:transport-api";
        String broker = "mqtt:broker:transport-broker";
        String lines = "http:resource:transport-lines";
        String privateApi = "http:endpoint:transport-private";
        assertThat(hub.postJson("/things", "{\"uid\": \"" + privateApi + "\", \"label\": \"Transport private API\","
                + " \"department\": \"transport\", \"configuration\": {\"baseUrl\": \"http://127.0.0.1:9/\"}}")
                .status()).isEqualTo(201);
        assertThat(hub.postJson("/things", "{\"uid\": \"" + api + "\", \"label\": \"Transport API\", \"department\":"
                + " \"transport\", \"sharedWith\": [\"" + LIGHTING + "\"], \"configuration\": {\"baseUrl\":"
                + " \"http://127.0.0.1:9/\", \"authentication\": \"bearer\", \"token\": \"t-1\"}}").status()).isEqualTo(201);
        assertThat(hub.postJson("/things", "{\"uid\": \"" + broker + "\", \"label\": \"Transport broker\","
                + " \"department\": \"transport\", \"configuration\": {\"host\": \"127.0.0.1\", \"port\": 9,"
                + " \"discovery\": false}}").status()).isEqualTo(201);
        assertThat(hub.postJson("/things", "{\"uid\": \"" + lines + "\", \"label\": \"Lines\", \"department\":"
                + " \"transport\", \"bridgeUID\": \"" + api + "\", \"configuration\": {\"path\": \"lines\","
                + " \"intervalSeconds\": 1}}").status()).isEqualTo(201);
        HubClient lighting = hub.as(token(Role.INTEGRATOR, DepartmentScope.parse(LIGHTING)));
        String channels = "\"channels\": [{\"id\": \"level\", \"itemType\": \"number\", \"stateTopic\": \"t/#\","
                + " \"transform\": \"jsonpath:$.level\"}]";
        List<String[]> pairs = List.of(
                // a thing through the other department's bridge, and the same through one that does not exist
                new String[] { "mqtt:topic:probe-a", broker, "mqtt:topic:probe-b", "mqtt:broker:nowhere", "{" + channels + "}" },
                new String[] { "http:resource:probe-a", privateApi, "http:resource:probe-b",
                        "http:endpoint:nowhere", "{\"path\": \"x\"}" });

        for (String[] pair : pairs) {
            String theirs = create(lighting, pair[0], pair[1], pair[4]);
            String nobodys = create(lighting, pair[2], pair[3], pair[4]);
            await(pair[0] + " and " + pair[2] + " wait alike").atMost(PATIENCE).until(() ->
                    status(lighting, pair[0], pair[1]).equals(status(lighting, pair[2], pair[3])));
            assertThat(theirs).isEqualTo(nobodys);
            assertThat(status(lighting, pair[0], pair[1])).startsWith("UNINITIALIZED BRIDGE_UNINITIALIZED");
        }

        // through a shared endpoint, an item naming the other department's resource gets neither data nor failures
        String theirs = create(lighting, "http:item:probe-a", api, item(lines));
        String nobodys = create(lighting, "http:item:probe-b", api, item("http:resource:nowhere"));
        assertThat(theirs).isEqualTo(nobodys);
        await("the transport resource fails").atMost(PATIENCE).until(() -> hub.get("/things/" + lines).body()
                .at("/status/status").asText().equals("OFFLINE"));
        assertThat(status(lighting, "http:item:probe-a", lines)).isEqualTo(status(lighting, "http:item:probe-b",
                "http:resource:nowhere")).isEqualTo("UNKNOWN NONE waiting for the next answer of BRIDGE");
        for (String uid : List.of("mqtt:topic:probe-a", "mqtt:topic:probe-b", "http:resource:probe-a",
                "http:resource:probe-b", "http:item:probe-a", "http:item:probe-b", lines, api, privateApi, broker)) {
            assertThat(hub.delete("/things/" + uid).status()).isIn(202, 204);
        }
    }

    private static String item(String resource) {
        return "{\"resource\": \"" + resource + "\", \"key\": \"4\", \"channels\": [{\"id\": \"minutes\","
                + " \"itemType\": \"number\", \"transform\": \"jsonpath:$.minutes\"}]}";
    }

    /** Creates a thing of the lighting department; the answer's status and detail, with the UIDs taken out. */
    private static String create(HubClient client, String uid, String bridge, String configuration) {
        Answer created = client.postJson("/things", "{\"uid\": \"" + uid + "\", \"label\": \"Probe\", \"department\":"
                + " \"" + LIGHTING + "\", \"bridgeUID\": \"" + bridge + "\", \"configuration\": " + configuration + "}");
        return created.status() + " " + created.body().path("detail").asText("");
    }

    /** A thing's status as its department sees it, with the bridge or resource it names replaced by BRIDGE. */
    private static String status(HubClient client, String uid, String named) {
        JsonNode status = client.get("/things/" + uid).body().path("status");
        return status.path("status").asText() + " " + status.path("detail").asText() + " "
                + status.path("message").asText("").replace(named, "BRIDGE");
    }

    @Test
    public void aUidAnotherDepartmentUsesIsRefusedWithoutSayingWhoHasIt() throws Exception {
        HubClient lighting = hub.as(token(Role.INTEGRATOR, DepartmentScope.parse(LIGHTING)));

        Answer taken = lighting.postJson("/things", "{\"uid\": \"" + OTHER_THING + "\", \"label\": \"Mine\","
                + " \"department\": \"" + LIGHTING + "\"}");

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().get("detail").asText()).isEqualTo("the UID " + OTHER_THING + " is taken; choose another")
                .doesNotContain("demo-city.json").doesNotContain("environment");
    }

    @Test
    public void plainHttpListensOnTheLoopbackInterfaceOnlyByDefault() throws Exception {
        Object addresses = configurations.getConfiguration("org.ops4j.pax.web", null).getProperties()
                .get("org.ops4j.pax.web.listening.addresses");
        assertThat(addresses).as("the distribution's etc/org.ops4j.pax.web.cfg").isEqualTo("127.0.0.1");
        assertThat(hub.get("/things?limit=1").status()).isEqualTo(200);
    }

    private static String parking(String uid, String bridge) {
        return "{\"uid\": \"" + uid + "\", \"label\": \"Parking\", \"department\": \"environment\","
                + " \"bridgeUID\": \"" + bridge + "\"}";
    }

    @Test
    public void aDepartmentStreamCarriesOnlyItsOwnEvents() throws Exception {
        HubClient lighting = hub.as(token(Role.VIEWER, DepartmentScope.parse(LIGHTING)));
        try (SseRecorder stream = lighting.record("?topics=cityhub/%23")) {
            publishUntilSeen(stream, OWN_THING, "warm-up");
            // published in this order: once the last arrives, the others would have arrived had they been visible
            // as the hub publishes a thing's events: with the department the thing has
            bus.publish("cityhub/things/" + OTHER_THING + "/status", "status", "{\"probe\": \"other\"}", "itest",
                    "environment");
            bus.publish("cityhub/bindings/simulator/updated", "updated", "{\"probe\": \"binding\"}", "itest");
            bus.publish("cityhub/tokens/someone/added", "added", "{\"probe\": \"token\"}", "itest");
            publishUntilSeen(stream, OWN_THING, "own");
            assertThat(stream.frames).noneMatch(f -> f.data().contains("\"probe\": \"other\"")
                    || f.data().contains("\"probe\": \"binding\"") || f.data().contains("\"probe\": \"token\""));
        }
    }

    @Test
    public void aTicketOpensOneStreamForABrowserOnce() throws Exception {
        HubClient viewer = hub.as(token(Role.VIEWER, DepartmentScope.parse(LIGHTING)));
        Answer issued = viewer.send("POST", "/events/tickets");
        assertThat(issued.status()).isEqualTo(201);
        String ticket = issued.body().get("ticket").asText();

        HubClient browser = hub.as(null);
        try (SseRecorder stream = browser.record("?topics=cityhub/things/%23&ticket=" + ticket)) {
            publishUntilSeen(stream, OWN_THING, "ticket");
        }
        Answer reused = browser.send(HttpRequest.newBuilder(browser.uri("/events?ticket=" + ticket)));
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.body().get("detail").asText()).contains("ticket");
    }

    @Test
    public void revokingATokenClosesItsStreamsAndRefusesItAtOnce() throws Exception {
        String name = "revoked-" + System.nanoTime();
        String secret = tokens.create(name, Role.VIEWER, DepartmentScope.ALL, null, "itest").secret();
        HubClient doomed = hub.as(secret);
        try (SseRecorder stream = doomed.record("?topics=cityhub/%23")) {
            await("stream open").atMost(PATIENCE).until(() -> doomed.get("/things?limit=1").status() == 200
                    && !stream.ended);
            assertThat(hub.delete("/tokens/" + name).status()).isEqualTo(204);
            await("stream closed by the hub").atMost(PATIENCE).until(() -> stream.ended);
        }
        assertThat(doomed.get("/things").status()).isEqualTo(401);
        assertThat(hub.get("/tokens/" + name).status()).isEqualTo(404);
    }

    @Test
    public void tokensAreManagedThroughRestAndShownOnce() {
        String name = "rest-made-" + System.nanoTime();
        Answer created = hub.postJson("/tokens", "{\"name\": \"" + name + "\", \"role\": \"operator\","
                + " \"departments\": \"water,transport\", \"expires\": \"30d\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        String secret = created.body().get("token").asText();
        assertThat(secret).startsWith("chub_");
        assertThat(created.body().get("departments").asText()).isEqualTo("transport,water");

        Answer listed = hub.get("/tokens");
        assertThat(listed.body().toString()).contains(name).doesNotContain(secret);
        assertThat(hub.as(secret).get("/things").body()).allSatisfy(thing ->
                assertThat(thing.get("department").asText()).isIn("water", "transport"));
        assertThat(hub.postJson("/tokens", "{\"name\": \"" + name + "\", \"role\": \"viewer\", \"departments\": \"*\"}")
                .status()).isEqualTo(409);
        assertThat(hub.postJson("/tokens", "{\"name\": \"x\", \"role\": \"mayor\", \"departments\": \"*\"}")
                .body().get("detail").asText()).contains("unknown role 'mayor'");
    }

    @Test
    public void streamsPerTokenAreLimited() throws Exception {
        HubClient client = hub.as(token(Role.VIEWER, DepartmentScope.ALL));
        List<SseRecorder> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(client.record("?topics=test/none"));
            }
            Answer sixth = client.send(HttpRequest.newBuilder(client.uri("/events?topics=test/none")));
            assertThat(sixth.status()).isEqualTo(429);
            assertThat(sixth.header("Retry-After")).isNotEmpty();
        } finally {
            for (SseRecorder stream : open) {
                stream.close();
            }
        }
    }

    @Test
    public void ratesAndCorsFollowTheirConfiguration() throws Exception {
        org.osgi.service.cm.Configuration rest = configurations.getConfiguration("org.cityhub.rest", "?");
        Dictionary<String, Object> before = rest.getProperties();
        try {
            Answer preflight = preflight();
            assertThat(preflight.status()).isEqualTo(403);
            assertThat(hub.send(get("/things?limit=1").header("Origin", "https://maps.city.example"))
                    .header("Access-Control-Allow-Origin")).isEmpty();

            Hashtable<String, Object> limited = new Hashtable<>(Map.of("requestsPerSecond", 1, "burstRequests", 3,
                    "corsAllowedOrigins", "https://maps.city.example"));
            rest.update(limited);
            await("CORS allowed").atMost(PATIENCE).until(() -> preflight().status() == 204);
            Answer allowed = preflight();
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://maps.city.example");
            assertThat(allowed.header("Access-Control-Allow-Headers")).contains("Authorization");

            HubClient busy = hub.as(token(Role.VIEWER, DepartmentScope.ALL));
            Answer refused = null;
            for (int i = 0; i < 10 && refused == null; i++) {
                Answer answer = busy.get("/things?limit=1");
                refused = answer.status() == 429 ? answer : null;
            }
            assertThat(refused).as("a 429 within 10 requests at 1/s with a burst of 3").isNotNull();
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
            assertThat(refused.body().get("detail").asText()).contains("rate");
        } finally {
            rest.update(before == null ? new Hashtable<>() : before);
            await("rates restored").atMost(PATIENCE).until(() -> preflight().status() == 403);
        }
    }

    @Test
    public void changesThroughRestAndConsoleAreAudited() throws Exception {
        String name = "audited-" + System.nanoTime();
        String secret = tokens.create(name, Role.OPERATOR, DepartmentScope.parse(LIGHTING), null, "itest").secret();
        assertThat(hub.as(secret).postJson("/things/" + OWN_THING + "/channels/brightness/command",
                "{\"command\": 40}").status()).isEqualTo(202);
        assertThat(hub.as(secret).postJson("/things", "{}").status()).isEqualTo(403);
        ConsoleSession.execute(sessions, "cityhub:send " + OWN_THING + ":power OFF");

        JsonNode entries = hub.get("/audit?actor=token:" + name).body();
        assertThat(entries).extracting(e -> e.get("action").asText() + " " + e.get("outcome").asText()).containsExactly(
                "POST /things/{uid}/channels/{channel}/command 202", "POST /things 403");
        JsonNode command = entries.get(0);
        assertThat(command.get("target").asText()).isEqualTo("/api/things/" + OWN_THING + "/channels/brightness/command");
        assertThat(command.get("detail").asText()).isEqualTo("command 40");
        assertThat(command.get("source").asText()).isEqualTo("127.0.0.1");

        JsonNode console = hub.get("/audit?action=cityhub:send&target=" + OWN_THING + ":power").body();
        assertThat(console).isNotEmpty();
        assertThat(console.get(console.size() - 1).get("detail").asText()).isEqualTo("OFF");
        assertThat(ConsoleSession.execute(sessions, "cityhub:audit --actor token:" + name))
                .contains("POST /things/{uid}/channels/{channel}/command");
        assertThat(hub.as(secret).get("/audit").status()).isEqualTo(403);
    }

    @Test
    public void aWritableChannelTakesAStateAndAReadOnlyOneRefusesIt() {
        Answer set = hub.putJson("/things/" + OWN_THING + "/channels/brightness/state",
                "{\"state\": {\"value\": 55, \"unit\": \"%\"}}");
        assertThat(set.status()).isEqualTo(204);
        await("state recorded").atMost(PATIENCE).until(() -> hub.get("/things/" + OWN_THING
                + "/channels/brightness/state").body().path("value").asDouble() == 55);
        assertThat(hub.get("/things/" + OWN_THING + "/states").body().has("power")).isTrue();
        Answer readOnly = hub.putJson("/things/" + OTHER_THING + "/channels/pm25/state", "{\"state\": 3}");
        assertThat(readOnly.status()).isEqualTo(409);
        assertThat(readOnly.body().get("detail").asText()).contains("read-only");
    }

    @Test
    public void healthShowsItsChecksToTokensOfAllDepartmentsOnly() throws Exception {
        assertThat(hub.as(null).get("/health").body().has("checks")).isFalse();
        assertThat(hub.as(null).get("/health").body().get("status").asText()).isEqualTo("UP");
        assertThat(hub.get("/health").body().has("checks")).isTrue();
        assertThat(hub.as(token(Role.VIEWER, DepartmentScope.ALL)).get("/health").body().has("checks")).isTrue();
        HubClient lighting = hub.as(token(Role.INTEGRATOR, DepartmentScope.parse(LIGHTING)));
        assertThat(lighting.get("/health").body().has("checks")).as("the whole hub's details").isFalse();
        assertThat(lighting.get("/health/ready").body().toString()).doesNotContain("things");
        assertThat(hub.as(null).get("/openapi.json").status()).isEqualTo(200);
        Answer docs = hub.as(null).send(get("/docs"));
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.contentType()).startsWith("text/html");
    }

    /** Issue 17, item 7: a secret parameter is write-only on every surface, and kept when sent back masked. */
    @Test
    public void secretParametersAreWriteOnlyOnEverySurface() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        String uid = "http:endpoint:canal-service";
        try (SseRecorder stream = hub.record("?topics=cityhub/things/" + uid + "/%23")) {
            Answer created = hub.postJson("/things", "{\"uid\": \"" + uid + "\", \"label\": \"Canal service\","
                    + " \"department\": \"water\", \"configuration\": {\"baseUrl\": \"http://127.0.0.1:9/\","
                    + " \"authentication\": \"basic\", \"username\": \"hub\", \"password\": \"" + password + "\"}}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body().at("/configuration/password")).hasToString("{\"secret\":\"set\"}");
            JsonNode shown = hub.get("/things/" + uid).body();
            assertThat(shown.at("/configuration/password/secret").asText()).isEqualTo("set");
            assertThat(hub.get("/thing-types/http:endpoint").body().toString()).contains("\"secret\":true");

            ((ObjectNode) shown).put("label", "Canal service (renamed)");
            Answer written = hub.putJson("/things/" + uid, shown.toString());
            assertThat(written.status()).as(written.body().toString()).isEqualTo(200);
            await("the stream saw both changes").atMost(PATIENCE).until(() -> stream.frames.stream()
                    .filter(f -> f.event().equals("added") || f.event().equals("updated")).count() >= 2);
            assertThat(stream.frames).allSatisfy(f -> assertThat(f.data()).doesNotContain(password));
        }
        Path stored = Path.of(System.getProperty("karaf.base"), "state", "things",
                "http.endpoint.canal-service.json");
        assertThat(Files.readString(stored)).as("the hub keeps the secret it was sent").contains(password);
        assertThat(hub.get("/things/" + uid).body().at("/label").asText()).isEqualTo("Canal service (renamed)");

        assertThat(ConsoleSession.execute(sessions, "cityhub:thing " + uid)).doesNotContain(password)
                .contains("secret");
        Answer backup = hub.get("/backup");
        assertThat(backup.body().toString()).doesNotContain(password);
        assertThat(backup.body().get("secretsLeftOut").toString()).contains(uid + " password");
        assertThat(hub.get("/audit?limit=1000").body().toString()).doesNotContain(password);
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        assertThat(log).exists();
        assertThat(Files.readString(log)).doesNotContain(password);
        assertThat(hub.delete("/things/" + uid).status()).isEqualTo(204);
    }

    private Answer preflight() {
        return hub.as(null).send(HttpRequest.newBuilder(hub.uri("/things")).method("OPTIONS",
                HttpRequest.BodyPublishers.noBody()).header("Origin", "https://maps.city.example")
                .header("Access-Control-Request-Method", "GET"));
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(hub.uri(path));
    }

    /** Publishes a probe event of the thing until the stream has it: the stream subscribes just after it opens. */
    private void publishUntilSeen(SseRecorder stream, String thing, String probe) {
        String data = "{\"probe\": \"" + probe + "\"}";
        await("probe " + probe + " on the stream").atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            bus.publish("cityhub/things/" + thing + "/status", "status", data, "itest", LIGHTING);
            return stream.frames.stream().anyMatch(f -> f.data().equals(data));
        });
    }
}
