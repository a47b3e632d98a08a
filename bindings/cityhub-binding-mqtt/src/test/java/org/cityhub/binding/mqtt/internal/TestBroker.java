package org.cityhub.binding.mqtt.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityhub.test.TestCertificates;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

/**
 * A real MQTT broker for tests: Moquette on loopback, optionally with a password file and TLS from a test CA; it
 * can be stopped and started again on the same ports. Devices are imitated with a Paho client.
 */
final class TestBroker implements AutoCloseable {

    private final Properties properties = new Properties();
    private final int port;
    private Server server;

    private TestBroker(int port) {
        this.port = port;
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("netty.mqtt.message_size", Integer.toString(4 * 1024 * 1024));
    }

    /** An anonymous broker on a free port. */
    static TestBroker plain() throws IOException {
        return new TestBroker(freePort()).start();
    }

    /** A broker that accepts only this user. */
    static TestBroker withUser(Path folder, String user, String password) throws IOException {
        TestBroker broker = new TestBroker(freePort());
        Path passwords = folder.resolve("passwords");
        Files.writeString(passwords, user + ":" + sha256(password) + "\n");
        broker.properties.setProperty("allow_anonymous", "false");
        broker.properties.setProperty("password_file", passwords.toString());
        return broker.start();
    }

    /** A broker that speaks TLS only, with a certificate for localhost signed by the test CA. */
    static TestBroker withTls(TestCertificates certificates) throws IOException {
        TestBroker broker = new TestBroker(freePort());
        broker.properties.setProperty("host", "0.0.0.0"); // reachable as 127.0.0.2 too, a name its certificate lacks
        broker.properties.setProperty("port", "disabled");
        broker.properties.setProperty("ssl_port", Integer.toString(broker.port));
        broker.properties.setProperty("ssl_provider", "JDK");
        broker.properties.setProperty("jks_path", certificates.serverKeyStore().toString());
        broker.properties.setProperty("key_store_type", "pkcs12");
        broker.properties.setProperty("key_store_password", certificates.password());
        broker.properties.setProperty("key_manager_password", certificates.password());
        return broker.start();
    }

    int port() {
        return port;
    }

    TestBroker start() throws IOException {
        server = new Server();
        server.startServer(new MemoryConfig(properties));
        return this;
    }

    void stop() {
        server.stopServer();
    }

    /** A device: a connected client. */
    Device device(String id) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, id, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        return new Device(client);
    }

    @Override
    public void close() {
        stop();
    }

    /** An imitated device: publishes, and records what it receives. */
    static final class Device implements AutoCloseable {
        final MqttClient client;
        final List<String> received = new CopyOnWriteArrayList<>();

        Device(MqttClient client) {
            this.client = client;
        }

        /** Publishes retained, so that a subscription made later still gets it. */
        void publish(String topic, String payload) throws MqttException {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
        }

        void publish(String topic, byte[] payload) throws MqttException {
            client.publish(topic, payload, 1, true);
        }

        void listen(String filter) throws MqttException {
            client.subscribe(filter, 1, (topic, message) -> received.add(topic + " " + new String(message.getPayload(),
                    StandardCharsets.UTF_8)));
        }

        @Override
        public void close() throws MqttException {
            client.disconnect();
            client.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
