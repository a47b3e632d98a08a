package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Managed things survive a crash: the distribution runs as a process, things are created in a burst, the hub's
 * Java process is killed with SIGKILL in the middle of it, and after a restart every thing whose creation was
 * acknowledged is back, and every stored file is whole.
 */
public class CrashRecoveryIT {

    private static final Duration PATIENCE = HubProcess.PATIENCE;

    private HubProcess process;
    private Path hubHome;
    private HubClient client;

    @Before
    public void unpack() throws Exception {
        process = HubProcess.unpack("crash-hub");
        hubHome = process.home();
    }

    @After
    public void stop() {
        process.stop();
    }

    @Test
    public void acknowledgedThingsSurviveAKillDuringABurstOfWrites() throws Exception {
        begin();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> burst = writer.submit(() -> {
            for (int i = 0; i < 100_000 && !Thread.currentThread().isInterrupted(); i++) {
                String uid = "simulator:streetlight:crash-" + i;
                try {
                    if (client.postJson("/things", "{\"uid\": \"" + uid + "\", \"label\": \"Crash " + i + "\"}")
                            .status() == 201) {
                        acknowledged.add(uid);
                    }
                } catch (RuntimeException e) {
                    return; // the hub is gone
                }
            }
        });
        await("a burst under way").atMost(PATIENCE).until(() -> acknowledged.size() >= 50);

        process.killJava();
        burst.get();
        writer.shutdown();

        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(50);
        begin();
        JsonNode things = client.get("/things?binding=simulator&limit=1000").body();
        Set<String> present = ConcurrentHashMap.newKeySet();
        things.forEach(thing -> present.add(thing.get("uid").asText()));
        assertThat(present).containsAll(acknowledged);
        assertEveryStoredFileIsWhole();
        // the trail is written as each request ends, so the one in flight at the kill may lack its entry
        JsonNode audited = client.get("/audit?action=POST%20/things&limit=10000").body();
        long created = 0;
        for (JsonNode entry : audited) {
            created += entry.get("outcome").asText().equals("201") ? 1 : 0;
        }
        assertThat(created).as("audited creations that survived the kill").isGreaterThanOrEqualTo(acknowledged.size() - 1);
    }

    @Test
    public void historyKeepsEveryPointItWroteAcrossAKillAndRestoresTheLastStates() throws Exception {
        begin();
        String gauge = onlineGauge("http:push:crash-gauge");
        String history = "/things/" + gauge + "/channels/level/history?from=-1h";
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> burst = writer.submit(() -> {
            for (int level = 1; level < 1_000_000 && !Thread.currentThread().isInterrupted(); level++) {
                try {
                    client.postJson("/ingest/" + gauge, "{\"level\": " + level + "}");
                } catch (RuntimeException e) {
                    return; // the hub is gone
                }
            }
        });
        // what the store has written is what history answers: every level up to the highest seen before the kill
        int written = await("points written during the burst").atMost(PATIENCE).ignoreExceptions()
                .until(() -> highest(client.get(history).body()), level -> level >= 300);

        process.killJava();
        burst.get();
        writer.shutdown();
        begin();

        JsonNode state = await("the last state restored from history").atMost(PATIENCE).until(() -> client.get(
                "/things/" + gauge + "/channels/level/state").body(), restored -> restored.has("value"));
        JsonNode points = client.get(history).body().get("points");
        JsonNode last = points.get(points.size() - 1);
        assertThat(state.get("value").asInt()).as("the restored state").isEqualTo(last.get("v").asInt());
        assertThat(state.get("updated").asText()).as("restored with the time it was set").isEqualTo(last.get("t")
                .asText());
        for (int i = 0; i < written; i++) {
            assertThat(points.get(i).get("v").asInt()).as("point " + i).isEqualTo(i + 1);
        }
        JsonNode status = client.get("/history/status").body();
        assertThat(status.get("recording").asBoolean()).as(status.toString()).isTrue();
        client.postJson("/ingest/" + gauge, "{\"level\": -1}");
        await("recording after the restart").atMost(PATIENCE)
                .until(() -> client.get(history).body().get("points").size() == points.size() + 1);
    }

    /** Issue 21: a threshold's hold, one minute long, goes on across a kill, counted from when it began. */
    @Test
    public void aRulesHoldSurvivesAKillCountedFromWhenItBegan() throws Exception {
        begin();
        String gauge = onlineGauge("http:push:hold-gauge");
        assertThat(client.putJson("/rules/hold", "{\"label\": \"High for a minute\", \"department\": \"water\","
                + " \"triggers\": [{\"type\": \"threshold\", \"channel\": \"" + gauge + ":level\", \"above\": 100,"
                + " \"for\": \"60s\"}], \"actions\": [{\"type\": \"event\", \"name\": \"high\"}]}").status())
                .isEqualTo(201);
        Instant began = Instant.now();
        assertThat(client.postJson("/ingest/" + gauge, "{\"level\": 150}").status()).isEqualTo(200);
        Path memory = hubHome.resolve("state/rules/memory.json");
        await("the hold is kept on disk").atMost(PATIENCE).ignoreExceptions()
                .until(() -> Files.readString(memory).contains("\"since\""));

        process.killJava();
        begin();
        Instant up = Instant.now();
        // the level is still high: the hold goes on from when it began, not from the restart
        assertThat(client.postJson("/ingest/" + gauge, "{\"level\": 150}").status()).isEqualTo(200);

        JsonNode rule = await("the rule fired").atMost(PATIENCE).until(() -> client.get("/rules/hold").body(),
                answer -> answer.path("fired").asLong() == 1);
        Instant fired = Instant.parse(rule.get("lastFired").asText());
        assertThat(fired).as("a minute after the level rose").isAfterOrEqualTo(began.plusSeconds(60))
                .as("not a minute after the restart").isBefore(up.plusSeconds(60));
    }

    /** Defines a water department's pushed gauge with a number channel {@code level} and waits until it is online. */
    private String onlineGauge(String uid) {
        assertThat(client.postJson("/things", "{\"uid\": \"" + uid + "\", \"label\": \"Gauge\", \"department\":"
                + " \"water\", \"configuration\": {\"channels\": [{\"id\": \"level\", \"itemType\": \"number\","
                + " \"unit\": \"cm\", \"transform\": \"jsonpath:$.level\"}]}}").status()).isEqualTo(201);
        await("gauge online").atMost(PATIENCE).until(() -> client.get("/things/" + uid).body()
                .at("/status/status").asText().equals("ONLINE"));
        return uid;
    }

    /** The highest level of a history answer, or 0. */
    private static int highest(JsonNode answer) {
        int highest = 0;
        for (JsonNode point : answer.path("points")) {
            highest = Math.max(highest, point.get("v").asInt());
        }
        return highest;
    }

    private void assertEveryStoredFileIsWhole() throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(hubHome.resolve("state/things"))) {
            for (Path file : files.toList()) {
                assertThat(file.getFileName().toString()).endsWith(".json");
                JsonNode stored = json.readTree(file.toFile());
                assertThat(stored.get("schemaVersion").asInt()).as(file.toString()).isEqualTo(1);
                assertThat(stored.at("/thing/uid").asText()).as(file.toString()).startsWith("simulator:streetlight:crash-");
            }
        }
    }

    /** Starts (or restarts) the hub and takes its client. */
    private void begin() throws IOException {
        process.start();
        client = process.client();
    }
}
