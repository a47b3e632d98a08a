package org.cityhub.binding.mqtt.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.cityhub.test.PeerProgram;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Eclipse Mosquitto, the broker most devices meet in the field and one the binding was not built on, run from the
 * operating system's package on a free loopback port with a configuration of the test's choosing.
 */
final class Mosquitto implements AutoCloseable {

    private final Path folder;
    private final int port;
    private final List<String> settings;
    private PeerProgram program;

    private Mosquitto(Path folder, List<String> settings) throws IOException {
        this.folder = folder;
        this.port = TestBroker.freePort();
        this.settings = settings;
    }

    /**
     * Starts Mosquitto with these lines after its listener's.
     *
     * @throws org.opentest4j.TestAbortedException if Mosquitto is not installed (outside CI)
     */
    static Mosquitto start(Path folder, String... listenerSettings) throws IOException {
        PeerProgram.require("mosquitto", "mosquitto");
        Mosquitto mosquitto = new Mosquitto(folder, List.of(listenerSettings));
        mosquitto.start();
        return mosquitto;
    }

    int port() {
        return port;
    }

    /** Starts it (again) on the same port. */
    void start() throws IOException {
        List<String> lines = new ArrayList<>(List.of("user root", "persistence false", "log_dest file " + logFile(),
                "log_type all", "listener " + port + " 127.0.0.1"));
        lines.addAll(settings);
        if (settings.stream().noneMatch(line -> line.startsWith("allow_anonymous"))) {
            lines.add("allow_anonymous true");
        }
        Path configuration = folder.resolve("mosquitto-" + port + ".conf");
        Files.write(configuration, lines, StandardCharsets.UTF_8);
        program = PeerProgram.start(folder, List.of(PeerProgram.require("mosquitto", "mosquitto").toString(), "-c",
                configuration.toString())).awaitTcpPort("127.0.0.1", port, Duration.ofSeconds(10));
    }

    /** Stops it, as a broker that crashes or is shut down. */
    void stop() {
        program.stop();
    }

    /** What it logged (every connection, subscription and message), written line by line to its own file. */
    String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path logFile() {
        return folder.resolve("mosquitto-" + port + ".log");
    }

    /** A device: a Paho client with a clean session. */
    TestBroker.Device device(String id) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, id, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        return new TestBroker.Device(client);
    }

    @Override
    public void close() {
        stop();
    }
}
