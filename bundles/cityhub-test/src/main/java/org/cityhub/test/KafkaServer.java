package org.cityhub.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one process), run as a process of its own from
 * Kafka's Maven artifacts, on free ports of 127.0.0.1, with its data in a folder that outlives a restart: to test
 * what a client does while Kafka is away. No Docker, nothing downloaded while the test runs: the caller gives the
 * broker's class path (Kafka's {@code kafka_2.13} artifact and its dependencies, as {@code mvn
 * dependency:build-classpath} writes it; CityHub's {@code build/kafka-broker} does so). It may let clients in by
 * SASL/PLAIN only, with the users it is given, and then over TLS too ({@code SASL_SSL}) with a key signed by a
 * test CA.
 *
 * @since 1.2
 */
public final class KafkaServer implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final Path folder;
    private final String classpath;
    private final Map<String, String> users;
    private final @Nullable TestCertificates tls;
    private final int port;
    private final int controllerPort;
    private @Nullable Process process;

    private KafkaServer(Path folder, String classpath, Map<String, String> users, @Nullable TestCertificates tls)
            throws IOException {
        this.folder = folder;
        this.classpath = classpath;
        this.users = Map.copyOf(users);
        this.tls = tls;
        this.port = freePort();
        this.controllerPort = freePort();
    }

    /**
     * Formats a fresh broker's storage in the folder (emptied first) and starts it.
     *
     * @param classpathFile a file holding the broker's class path, entries separated as the platform separates them
     */
    public static KafkaServer start(Path folder, Path classpathFile) throws IOException, InterruptedException {
        return start(folder, classpathFile, Map.of());
    }

    /**
     * Formats a fresh broker's storage and starts it with clients authenticated by SASL/PLAIN
     * ({@code SASL_PLAINTEXT}): each user with its password; anyone else is refused.
     *
     * @param users passwords by user name, of letters and digits
     */
    public static KafkaServer start(Path folder, Path classpathFile, Map<String, String> users) throws IOException,
            InterruptedException {
        return start(folder, classpathFile, users, false);
    }

    /**
     * Formats a fresh broker's storage and starts it with clients authenticated by SASL/PLAIN over TLS
     * ({@code SASL_SSL}) when {@code tls} is true: the broker's key is signed by a CA made for the test (in the
     * folder's {@code tls/}), which {@link #clientSettings(String)} tells clients to trust.
     *
     * @param users passwords by user name, of letters and digits; at least one
     * @since 1.3
     */
    public static KafkaServer start(Path folder, Path classpathFile, Map<String, String> users, boolean tls)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("the Kafka broker's class path is missing: " + classpathFile);
        }
        if (tls && users.isEmpty()) {
            throw new IllegalArgumentException("a broker with TLS lets users in by SASL/PLAIN: give at least one");
        }
        delete(folder);
        Files.createDirectories(folder);
        TestCertificates certificates = null;
        if (tls) {
            Files.createDirectories(folder.resolve("tls"));
            certificates = TestCertificates.create(folder.resolve("tls"));
        }
        KafkaServer kafka = new KafkaServer(folder, Files.readString(classpathFile).strip(), users, certificates);
        kafka.format();
        kafka.start();
        return kafka;
    }

    /** {@code 127.0.0.1:port}, for a client's {@code bootstrap.servers}. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (again) on its data and waits until it takes connections. */
    public void start() throws IOException, InterruptedException {
        Path log = folder.resolve("broker.log");
        long before = Files.exists(log) ? Files.size(log) : 0;
        // the heap and collector settings Kafka's own start script (kafka-run-class.sh) gives a broker: with less,
        // its young collections paused it for 30-75 ms every few seconds on two shared cores
        process = new ProcessBuilder(java(), "-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent", "-cp", classpath,
                "kafka.Kafka",
                folder.resolve("server.properties").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!(started(log, before) && listening())) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("Kafka did not start within " + PATIENCE.toSeconds() + " s; see "
                        + log);
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling the broker's log with a deadline
        }
    }

    /**
     * The CPU time the broker's process has used so far; zero before it started.
     *
     * @since 1.3
     */
    public Duration cpu() {
        Process running = process;
        return running == null ? Duration.ZERO : running.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Stops the broker as an operator does (SIGTERM) and waits until it is gone. */
    public void stop() throws InterruptedException {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroy();
            if (!running.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    /**
     * What a client needs to be let in as {@code user}, in the form of Kafka's client settings: nothing for a broker
     * without users.
     */
    public Map<String, String> clientSettings(String user) {
        if (users.isEmpty()) {
            return Map.of();
        }
        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of("security.protocol", listener(),
                "sasl.mechanism", "PLAIN", "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule"
                        + " required username=\"" + user + "\" password=\"" + users.get(user) + "\";"));
        if (tls != null) {
            settings.put("ssl.truststore.type", "PEM");
            settings.put("ssl.truststore.location", tls.caCertificate().toString());
        }
        return Map.copyOf(settings);
    }

    private String listener() {
        return users.isEmpty() ? "PLAINTEXT" : tls == null ? "SASL_PLAINTEXT" : "SASL_SSL";
    }

    private void format() throws IOException, InterruptedException {
        String listener = listener();
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=" + listener + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=" + listener + "://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=" + listener + ":" + listener + ",CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=" + listener,
                "log.dirs=" + folder.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0"));
        if (!users.isEmpty()) {
            StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"broker\" password=\"broker\" user_broker=\"broker\"");
            users.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password)
                    .append('"'));
            lines.addAll(List.of("sasl.enabled.mechanisms=PLAIN", "sasl.mechanism.inter.broker.protocol=PLAIN",
                    "listener.name." + listener.toLowerCase(java.util.Locale.ROOT) + ".plain.sasl.jaas.config=" + jaas
                            + ";"));
        }
        if (tls != null) {
            lines.addAll(List.of("ssl.keystore.type=PKCS12", "ssl.keystore.location=" + tls.serverKeyStore(),
                    "ssl.keystore.password=" + tls.password(), "ssl.key.password=" + tls.password(),
                    "ssl.truststore.type=PEM", "ssl.truststore.location=" + tls.caCertificate()));
        }
        Files.writeString(folder.resolve("server.properties"), String.join("\n", lines) + "\n",
                StandardCharsets.UTF_8);
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        Process format = new ProcessBuilder(java(), "-cp", classpath, "kafka.tools.StorageTool", "format", "-t",
                Base64.getUrlEncoder().withoutPadding().encodeToString(id), "-c",
                folder.resolve("server.properties").toString(), "--standalone").redirectErrorStream(true)
                .redirectOutput(folder.resolve("format.log").toFile()).start();
        if (format.waitFor() != 0) {
            throw new IllegalStateException("formatting Kafka's storage failed: "
                    + Files.readString(folder.resolve("format.log")));
        }
    }

    private static boolean started(Path log, long from) throws IOException {
        if (!Files.exists(log)) {
            return false;
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.substring((int) Math.min(from, text.length())).contains("Kafka Server started");
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
