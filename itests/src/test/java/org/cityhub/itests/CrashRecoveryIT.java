package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String PASSWORD = "crash-test";
    private static final Pattern PORT = Pattern.compile("(?m)^(\\s*#?\\s*)(%s)(\\s*=\\s*).*$");

    private Path hubHome;
    private Process hub;
    private HubClient client;
    private int httpPort;
    private int sshPort;

    @Before
    public void unpack() throws Exception {
        hubHome = Path.of("target", "crash-hub").toAbsolutePath();
        delete(hubHome);
        Files.createDirectories(hubHome);
        run(List.of("tar", "-xzf", new File(System.getProperty("cityhub.distribution")).getAbsolutePath(),
                "--strip-components=1", "-C", hubHome.toString()));
        httpPort = freePort();
        sshPort = freePort();
        setProperty("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort);
        setProperty("etc/org.apache.karaf.shell.cfg", "sshPort", sshPort);
        setProperty("etc/org.cityhub.rest.cfg", "requestsPerSecond", 100_000);
        setProperty("etc/org.cityhub.rest.cfg", "burstRequests", 100_000);
        setProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort());
        setProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort());
    }

    @After
    public void stop() {
        if (hub != null) {
            hub.descendants().forEach(ProcessHandle::destroyForcibly);
            hub.destroyForcibly();
        }
    }

    @Test
    public void acknowledgedThingsSurviveAKillDuringABurstOfWrites() throws Exception {
        start();
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

        killJava();
        burst.get();
        writer.shutdown();

        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(50);
        start();
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
        start();
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

        killJava();
        burst.get();
        writer.shutdown();
        start();

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
        start();
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

        killJava();
        start();
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

    private void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(hubHome.resolve("bin/karaf").toString(), "server")
                .directory(hubHome.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(hubHome.resolve("console.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CITYHUB_ADMIN_PASSWORD", PASSWORD);
        // a hub the developer runs with ./run.sh may be up too; this one has its own home and ports
        builder.environment().put("CHECK_ROOT_INSTANCE_RUNNING", "false");
        hub = builder.start();
        if (client == null) {
            client = new HubClient(httpPort, mintAdminToken());
        }
        await("hub answering").atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> client.get("/things?binding=simulator&limit=1").status() == 200
                        && client.get("/things/simulator:streetlight:harbour-1").body().at("/status/status").asText()
                                .equals("ONLINE"));
    }

    /**
     * An admin token, minted as an admin would: {@code cityhub:token-create} over the hub's SSH console, tried until
     * the console has created the admin account (SSH may accept connections a moment before).
     */
    private String mintAdminToken() {
        return await("admin token minted over SSH").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(this::tryToMintAdminToken, token -> token.startsWith("chub_"));
    }

    private String tryToMintAdminToken() throws IOException, InterruptedException {
        Process console = new ProcessBuilder(hubHome.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-h", "127.0.0.1", "-u", "admin", "-p", PASSWORD, "-r", "30", "-d", "1", "-b")
                .redirectErrorStream(true).start();
        console.getOutputStream().write("cityhub:token-create --role admin crash-test\n".getBytes(StandardCharsets.UTF_8));
        console.getOutputStream().close();
        String output = new String(console.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        console.waitFor();
        return output.lines().map(String::strip).filter(line -> line.startsWith("chub_")).findFirst().orElse("");
    }

    /** SIGKILL to the hub's Java process, not to the script that started it. */
    private void killJava() {
        ProcessHandle java = hub.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst()
                .orElseThrow(() -> new AssertionError("the hub's Java process was not found"));
        assertThat(java.destroyForcibly()).isTrue();
        await("hub's Java process gone").atMost(PATIENCE).until(() -> !java.isAlive());
        await("launcher script gone").atMost(PATIENCE).until(() -> !hub.isAlive());
    }

    private void setProperty(String file, String key, int port) throws IOException {
        Path path = hubHome.resolve(file);
        String content = Files.exists(path) ? Files.readString(path) : "";
        Matcher matcher = Pattern.compile(String.format(PORT.pattern(), Pattern.quote(key))).matcher(content);
        content = matcher.find() ? matcher.replaceAll(key + " = " + port) : content + "\n" + key + " = " + port + "\n";
        Files.writeString(path, content);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }

    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
