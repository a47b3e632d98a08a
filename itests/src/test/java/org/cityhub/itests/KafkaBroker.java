package org.cityhub.itests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker, the project's own Maven artifacts ({@code build/kafka-broker}), started in KRaft mode
 * (broker and controller in one process) as a process of its own, on free ports, with its data in a folder that
 * outlives a restart. No Docker, nothing downloaded at test time.
 */
final class KafkaBroker implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final Path home;
    private final String classpath;
    private final int port = freePort();
    private final int controllerPort = freePort();
    private Process process;

    private KafkaBroker(Path home, String classpath) {
        this.home = home;
        this.classpath = classpath;
    }

    /** Formats a fresh broker's storage under {@code target/<name>} and starts it. */
    static KafkaBroker start(String name) throws IOException, InterruptedException {
        Path classpathFile = Path.of(System.getProperty("cityhub.kafka.classpath",
                "../build/kafka-broker/target/classpath.txt"));
        if (!Files.isRegularFile(classpathFile)) {
            throw new AssertionError("the Kafka broker's class path is missing: " + classpathFile + " (mvn install"
                    + " -pl build/kafka-broker writes it)");
        }
        Path home = Path.of("target", name).toAbsolutePath();
        delete(home);
        Files.createDirectories(home);
        KafkaBroker broker = new KafkaBroker(home, Files.readString(classpathFile).strip());
        broker.format();
        broker.start();
        return broker;
    }

    /** {@code 127.0.0.1:port}, for the hubs' {@code bootstrapServers}. */
    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (again) on its data and waits until it takes connections. */
    void start() throws IOException {
        process = new ProcessBuilder(java(), "-Xmx512m", "-cp", classpath, "kafka.Kafka",
                home.resolve("server.properties").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("broker.log").toFile())).start();
        await("Kafka broker started (" + home.resolve("broker.log") + ")").atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250)).until(() -> Files.readString(home.resolve("broker.log"))
                        .contains("Kafka Server started") && listening());
    }

    /** Stops the broker as an operator does (SIGTERM), waiting until it is gone. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            await("Kafka broker stopped").atMost(PATIENCE).until(() -> !process.isAlive());
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private void format() throws IOException, InterruptedException {
        String properties = String.join("\n", List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + home.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0")) + "\n";
        Files.writeString(home.resolve("server.properties"), properties, StandardCharsets.UTF_8);
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        Process format = new ProcessBuilder(java(), "-cp", classpath, "kafka.tools.StorageTool", "format", "-t",
                Base64.getUrlEncoder().withoutPadding().encodeToString(id), "-c",
                home.resolve("server.properties").toString(), "--standalone").redirectErrorStream(true)
                .redirectOutput(home.resolve("format.log").toFile()).start();
        if (format.waitFor() != 0) {
            throw new AssertionError("formatting Kafka's storage failed: " + Files.readString(home.resolve(
                    "format.log")));
        }
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
