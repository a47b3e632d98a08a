package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cityhub.itests.HubClient.SseFrame;
import org.cityhub.itests.HubClient.SseRecorder;
import org.cityhub.test.KafkaServer;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Three hubs started from the distribution as processes of their own, each with its own district's things, joined
 * through a real Apache Kafka broker in KRaft mode (its Maven artifacts, a process of its own) that lets each hub
 * in over TLS (a key signed by a CA made for the test) by SASL/PLAIN with a user of its own: each shows the
 * others' things, a state change crosses to the others' event streams, a command crosses to the owning hub and runs
 * there once, a department sees its own things of every hub alone, a killed hub's things turn HUB_OFFLINE and come
 * back with it, a Kafka restart loses nothing, and a second hub given an id already in use refuses to federate. The
 * steps run in order, on the same hubs.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class FederationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> DEMO_RULES = List.of("canal-flood", "river-alarm", "school-air",
            "evening-lights");
    private static final Map<String, HubProcess> HUBS = new LinkedHashMap<>();
    private static KafkaServer kafka;

    @BeforeClass
    public static void startKafkaAndThreeHubs() throws Exception {
        // hubs are let in over TLS by SASL/PLAIN, each with its own user, as a city's cluster would have them
        kafka = KafkaServer.start(Path.of("target", "federation-kafka").toAbsolutePath(),
                Path.of(System.getProperty("cityhub.kafka.classpath", "../build/kafka-broker/target/classpath.txt")),
                Map.of("a", "a-secret", "b", "b-secret", "c", "c-secret"), true);
        for (String id : List.of("a", "b", "c")) {
            HUBS.put(id, hub("federation-" + id, id, id));
        }
        ExecutorService starting = Executors.newFixedThreadPool(3);
        List<Future<Object>> started = new ArrayList<>();
        HUBS.forEach((id, hub) -> started.add(starting.submit(() -> {
            hub.start(light(id));
            return null;
        })));
        for (Future<Object> hub : started) {
            hub.get();
        }
        starting.shutdown();
    }

    @AfterClass
    public static void stopAll() {
        HUBS.values().forEach(HubProcess::stop);
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    public void a_eachHubShowsTheOthersThingsMarkedWithTheirHub() throws Exception {
        HUBS.forEach((id, hub) -> {
            for (String other : HUBS.keySet()) {
                if (!other.equals(id)) {
                    await("hub " + id + " shows hub " + other + "'s light").atMost(PATIENCE).ignoreExceptions()
                            .until(() -> status(hub, light(other)).equals("ONLINE"));
                    JsonNode thing = hub.client().get("/things/" + light(other)).body();
                    assertThat(thing.path("hub").asText()).isEqualTo(other);
                    assertThat(thing.path("source").asText()).isEqualTo("remote:" + other);
                    assertThat(hub.client().putJson("/things/" + light(other), thing.toString()).status())
                            .as("another hub's thing is read-only here").isEqualTo(409);
                }
            }
        });
        String onB = HUBS.get("b").console("cityhub:things --hub a");
        assertThat(onB).as("the console's hub column and filter").contains(light("a"), gauge("a"))
                .doesNotContain(light("b"), light("c")).containsPattern("Hub\\b");
        assertThat(HUBS.get("b").console("cityhub:things --hub local")).contains(light("b"))
                .doesNotContain(light("a"));
    }

    @Test
    public void b_aStateChangeOnAReachesTheEventStreamsOfBAndCWithTheirOwnNumbersAndBsHistory() throws Exception {
        String topics = "?topics=cityhub/things/" + light("a") + "/channels/brightness/state";
        try (SseRecorder onB = HUBS.get("b").client().record(topics);
                SseRecorder onC = HUBS.get("c").client().record(topics)) {
            assertThat(command(HUBS.get("a"), light("a"), 37).status()).isEqualTo(202);
            SseFrame atB = frame(onB, "37");
            frame(onC, "37");
            String resumeAfter = Long.toString(Long.parseLong(atB.id()) - 1);
            assertThat(HUBS.get("b").client().awaitEvent(topics, resumeAfter, frame -> frame.id().equals(atB.id())))
                    .as("resumed with Last-Event-ID on hub b's own numbers").isNotNull();
        }
        await("hub a's light in hub b's history").atMost(PATIENCE).ignoreExceptions().until(() -> HUBS.get("b")
                .client().get("/things/" + light("a") + "/channels/brightness/history?from=-1h").body().path("points")
                .findValues("v").stream().anyMatch(value -> value.asText().equals("37")));
    }

    @Test
    public void c_aCommandFromCToAThingOfAIsRunOnAOnceAndRefusalsComeBackAsAWouldAnswer() throws Exception {
        try (SseRecorder onA = HUBS.get("a").client().record("?topics=cityhub/things/" + light("a") + "/%23")) {
            HubClient.Answer sent = command(HUBS.get("c"), light("a"), 42);
            assertThat(sent.status()).as(sent.body().toString()).isEqualTo(202);
            frame(onA, "42");
            assertThat(onA.frames.stream().filter(frame -> frame.event().equals("command"))
                    .filter(frame -> frame.data().contains("42"))).as("run on hub a exactly once").hasSize(1);
        }
        HubClient.Answer outOfRange = command(HUBS.get("c"), light("a"), 420);
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.body().path("detail").asText()).startsWith("hub a: ").contains("out of range");
        String viewer = HUBS.get("c").client().postJson("/tokens", "{\"name\": \"c-viewer\", \"role\": \"viewer\","
                + " \"departments\": \"public-lighting\"}").body().path("token").asText();
        assertThat(HUBS.get("c").client().as(viewer).postJson("/things/" + light("a")
                + "/channels/brightness/command", "{\"command\": 5}").status()).as("a viewer, refused at hub c")
                .isEqualTo(403);
    }

    @Test
    public void d_aDepartmentTokenOnBSeesItsDepartmentsThingsOfEveryHubAlone() {
        HubClient b = HUBS.get("b").client();
        String water = b.postJson("/tokens", "{\"name\": \"b-water\", \"role\": \"viewer\", \"departments\":"
                + " \"water\"}").body().path("token").asText();
        Set<String> seen = new TreeSet<>();
        b.as(water).get("/things?limit=100").body().forEach(thing -> seen.add(thing.path("uid").asText()));
        assertThat(seen).containsExactly(gauge("a"), gauge("b"), gauge("c"));
        assertThat(b.as(water).get("/things/" + light("a")).status()).isEqualTo(404);
    }

    @Test
    public void e_theFederationBundleUpdatedWhileTheHubRunsCarriesOnWithoutLeavingThreadsBehind() throws Exception {
        HubProcess b = HUBS.get("b");
        long threadsBefore = federationThreads(b);
        assertThat(threadsBefore).as("the federation's threads on hub b").isPositive();
        b.console("bundle:update org.cityhub.federation");
        await("federation running again on hub b").atMost(PATIENCE).ignoreExceptions()
                .until(() -> b.client().get("/hubs").body().at("/hub/state").asText().equals("running"));
        assertThat(command(HUBS.get("a"), light("a"), 38).status()).isEqualTo(202);
        await("a change on hub a reaches hub b after the update").atMost(PATIENCE).ignoreExceptions()
                .until(() -> brightness(b, light("a")).equals("38"));
        await("as many federation threads as before").atMost(PATIENCE)
                .until(() -> federationThreads(b) == threadsBefore);
    }

    @Test
    public void f_aKilledHubsThingsTurnHubOfflineElsewhereKeepingTheirStatesAndComeBackWithIt() throws Exception {
        HubProcess a = HUBS.get("a");
        a.killJava();
        for (String other : List.of("b", "c")) {
            HubProcess hub = HUBS.get(other);
            await("hub a's light HUB_OFFLINE on hub " + other).atMost(PATIENCE).ignoreExceptions()
                    .until(() -> hub.client().get("/things/" + light("a")).body().at("/status/detail").asText()
                            .equals("HUB_OFFLINE"));
            assertThat(brightness(hub, light("a"))).as("its last state kept").isEqualTo("38");
            assertThat(command(hub, light("a"), 10).status()).as("no answer from an away hub").isEqualTo(504);
        }
        a.start(light("a"));
        for (String other : List.of("b", "c")) {
            await("hub a's light back on hub " + other).atMost(PATIENCE).ignoreExceptions()
                    .until(() -> status(HUBS.get(other), light("a")).equals("ONLINE"));
        }
    }

    @Test
    public void g_aKafkaRestartLosesNothingAndShowsAsDegradedMeanwhile() throws Exception {
        kafka.stop();
        HubProcess b = HUBS.get("b");
        assertThat(command(b, light("b"), 55).status()).as("hub b works on alone").isEqualTo(202);
        await("federation degraded on hub b").atMost(PATIENCE).ignoreExceptions()
                .until(() -> b.client().get("/health").body().at("/checks/federation/degraded").asBoolean());
        kafka.start();
        await("hub b's change, made while Kafka was away, on hub c").atMost(PATIENCE).ignoreExceptions()
                .until(() -> brightness(HUBS.get("c"), light("b")).equals("55"));
        await("federation fine again on hub b").atMost(PATIENCE).ignoreExceptions()
                .until(() -> !b.client().get("/health").body().at("/checks/federation/degraded").asBoolean());
    }

    @Test
    public void h_aSecondHubGivenAnIdInUseRefusesToFederateAndTheFederationCarriesOn() throws Exception {
        HUBS.remove("c").stop();
        HubProcess impostor = hub("federation-a-again", "a", "d");
        HUBS.put("impostor", impostor);
        impostor.start(light("d"));
        await("the second hub 'a' refuses").atMost(PATIENCE).ignoreExceptions()
                .until(() -> impostor.client().get("/health").body().at("/checks/federation/detail").asText()
                        .contains("another hub runs with this hub's id 'a'"));
        assertThat(impostor.client().get("/health").body().at("/checks/federation/degraded").asBoolean()).isTrue();
        assertThat(HUBS.get("b").client().get("/things/" + light("d")).status()).as("it shares nothing")
                .isEqualTo(404);
        assertThat(status(HUBS.get("b"), light("a"))).isEqualTo("ONLINE");
    }

    /** The hub's threads of the federation and of its Kafka clients, as the console lists them. */
    private static long federationThreads(HubProcess hub) throws Exception {
        return hub.console("shell:threads").lines().filter(line -> line.contains("cityhub-federation")
                || line.contains("cityhub-" + "b-")).count();
    }

    private static HubProcess hub(String folder, String hubId, String district) throws Exception {
        HubProcess hub = HubProcess.unpack(folder);
        hub.remove("etc/things/demo-city.json");
        for (String rule : DEMO_RULES) {
            hub.remove("etc/rules/" + rule + ".json");
        }
        hub.write("etc/things/district.json", "{\"things\": [\n"
                + "{\"uid\": \"" + gauge(district) + "\", \"label\": \"Gauge " + district + "\", \"department\":"
                + " \"water\", \"configuration\": {\"intervalSeconds\": 2}},\n"
                + "{\"uid\": \"" + light(district) + "\", \"label\": \"Light " + district + "\", \"department\":"
                + " \"public-lighting\", \"configuration\": {\"intervalSeconds\": 2}}\n]}\n");
        StringBuilder settings = new StringBuilder("hubId = " + hubId + "\nbootstrapServers = " + kafka.bootstrap()
                + "\nheartbeatSeconds = 1\nofflineAfterSeconds = 5\ncommandTimeoutSeconds = 10\npartitions = 3\n");
        if (hubId.equals("c")) { // c shares its gauge by name, not by its department: the others see the same
            settings.append("shareDepartments = public-lighting\nshareThings = ").append(gauge(district))
                    .append('\n');
        }
        kafka.clientSettings(hubId).forEach((key, value) -> settings.append("kafka.").append(key).append(" = ")
                .append(value).append('\n'));
        hub.write("etc/org.cityhub.federation.cfg", settings.toString());
        return hub;
    }

    private static SseFrame frame(SseRecorder recorder, String value) {
        return await("a state frame with " + value).atMost(PATIENCE)
                .until(() -> recorder.frames.stream().filter(frame -> frame.event().equals("state"))
                        .filter(frame -> frame.data().contains("\"value\":" + value)).findFirst(),
                        Optional::isPresent).get();
    }

    private static HubClient.Answer command(HubProcess hub, String thing, int brightness) {
        return hub.client().postJson("/things/" + thing + "/channels/brightness/command", "{\"command\": "
                + brightness + "}");
    }

    private static String status(HubProcess hub, String thing) {
        return hub.client().get("/things/" + thing).body().at("/status/status").asText();
    }

    private static String brightness(HubProcess hub, String thing) {
        return hub.client().get("/things/" + thing).body().at("/states/brightness/value").asText();
    }

    private static String light(String district) {
        return "simulator:streetlight:" + district + "-light";
    }

    private static String gauge(String district) {
        return "simulator:waterlevel:" + district + "-gauge";
    }
}
