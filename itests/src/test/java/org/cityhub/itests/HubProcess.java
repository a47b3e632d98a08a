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
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The distribution run as users run it: unpacked into its own folder under {@code target/}, on free ports, started
 * with {@code bin/karaf server} as a process of its own, an admin token minted over its SSH console. For the tests a
 * Pax Exam container cannot hold: killing the hub, or driving a browser from the test's JVM.
 */
final class HubProcess {

    static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String PASSWORD = "hub-process-test";
    private static final Pattern PROPERTY = Pattern.compile("(?m)^(\\s*#?\\s*)(%s)(\\s*=\\s*).*$");

    private final Path home;
    private final int httpPort;
    private final int sshPort;
    private Process hub;
    private HubClient client;

    private HubProcess(Path home) {
        this.home = home;
        this.httpPort = freePort();
        this.sshPort = freePort();
    }

    /**
     * The distribution unpacked afresh into {@code target/<name>}, its ports free ones and its request rate
     * unbounded (the tests send bursts).
     */
    static HubProcess unpack(String name) throws IOException, InterruptedException {
        HubProcess process = new HubProcess(Path.of("target", name).toAbsolutePath());
        delete(process.home);
        Files.createDirectories(process.home);
        run(List.of("tar", "-xzf", new File(System.getProperty("cityhub.distribution")).getAbsolutePath(),
                "--strip-components=1", "-C", process.home.toString()));
        process.setProperty("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", process.httpPort);
        process.setProperty("etc/org.apache.karaf.shell.cfg", "sshPort", process.sshPort);
        process.setProperty("etc/org.cityhub.rest.cfg", "requestsPerSecond", 100_000);
        process.setProperty("etc/org.cityhub.rest.cfg", "burstRequests", 100_000);
        process.setProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort());
        process.setProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort());
        return process;
    }

    /** The hub's folder. */
    Path home() {
        return home;
    }

    /** Where its web server listens. */
    int httpPort() {
        return httpPort;
    }

    /** A client of its API with an admin token, once it was started. */
    HubClient client() {
        return client;
    }

    /** Starts the hub and waits until the demo city's street light is ONLINE; the first start mints the token. */
    void start() throws IOException {
        start("simulator:streetlight:harbour-1");
    }

    /** Writes a file of the hub's folder, before it starts (a thing file, a configuration). */
    void write(String relative, String content) throws IOException {
        Path file = home.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Deletes a file of the hub's folder, before it starts. */
    void remove(String relative) throws IOException {
        Files.deleteIfExists(home.resolve(relative));
    }

    /** Starts the hub and waits until the given thing is ONLINE; the first start mints the token. */
    void start(String readyThing) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
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
                        && client.get("/things/" + readyThing).body().at("/status/status").asText()
                                .equals("ONLINE"));
    }

    /** SIGKILL to the hub's Java process, not to the script that started it. */
    void killJava() {
        ProcessHandle java = hub.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst()
                .orElseThrow(() -> new AssertionError("the hub's Java process was not found"));
        assertThat(java.destroyForcibly()).isTrue();
        await("hub's Java process gone").atMost(PATIENCE).until(() -> !java.isAlive());
        await("launcher script gone").atMost(PATIENCE).until(() -> !hub.isAlive());
    }

    /** Stops whatever runs of the hub, at the end of a test. */
    void stop() {
        if (hub != null) {
            hub.descendants().forEach(ProcessHandle::destroyForcibly);
            hub.destroyForcibly();
        }
    }

    private String mintAdminToken() {
        return await("admin token minted over SSH").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(this::tryToMintAdminToken, token -> token.startsWith("chub_"));
    }

    private String tryToMintAdminToken() throws IOException, InterruptedException {
        return console("cityhub:token-create --role admin process-test").lines().map(String::strip)
                .filter(line -> line.startsWith("chub_")).findFirst().orElse("");
    }

    /** What a console command prints, typed by the admin over the hub's SSH console ({@code bin/client}). */
    String console(String command) throws IOException, InterruptedException {
        Process console = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-h", "127.0.0.1", "-u", "admin", "-p", PASSWORD, "-r", "30", "-d", "1", "-b")
                .redirectErrorStream(true).start();
        console.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        console.getOutputStream().close();
        String output = new String(console.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        console.waitFor();
        return output;
    }

    private void setProperty(String file, String key, int port) throws IOException {
        Path path = home.resolve(file);
        String content = Files.exists(path) ? Files.readString(path) : "";
        Matcher matcher = Pattern.compile(String.format(PROPERTY.pattern(), Pattern.quote(key))).matcher(content);
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
