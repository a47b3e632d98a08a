package org.cityhub.benchmarks.mqtt;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.cityhub.benchmarks.HubProcess;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

/**
 * MQTT ingestion under load, the hub beside Node-RED on the same broker: a publisher sends a steady rate across N
 * topics (QoS 0, JSON {"v": …}); the hub (the distribution as a process, one mqtt:topic thing per topic, the value
 * read with a JSON path) turns each message into a state event, Node-RED (an mqtt-in node parsing JSON and a
 * function node taking the value) counts them. For each: messages handled per second while the publisher runs, the
 * backlog (sent minus handled) sampled every second, how long it takes to drain after the publisher stops, and the
 * CPU its process used per thousand messages.
 *
 * <pre>java -cp target/benchmarks.jar org.cityhub.benchmarks.mqtt.MqttLoadTest [topics] [messages/s] [seconds]</pre>
 */
public final class MqttLoadTest {

    /** What one system did with the load. */
    private record Outcome(String system, long sent, long handled, double handledPerSecond, long maxBacklog,
            long finalBacklog, double drainSeconds, double cpuMillisPerThousand) {
    }

    /** A system under test: how many messages it has handled so far, and its CPU time. */
    private interface Subject {
        long handled() throws Exception;

        Duration cpu();
    }

    /** HTTP/1.1: Node.js servers with WebSocket listeners drop the JDK's h2c upgrade requests. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final int topics;
    private final int rate;
    private final Duration measurement;
    private final int brokerPort;

    private MqttLoadTest(int topics, int rate, Duration measurement) throws IOException {
        this.topics = topics;
        this.rate = rate;
        this.measurement = measurement;
        this.brokerPort = freePort();
    }

    public static void main(String[] args) throws Exception {
        int topics = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        new MqttLoadTest(topics, rate, Duration.ofSeconds(seconds)).run();
    }

    private void run() throws Exception {
        Server broker = startBroker();
        try {
            Outcome hub = measureHub();
            Outcome nodeRed = measureNodeRed();
            report(List.of(hub, nodeRed));
        } finally {
            broker.stopServer();
        }
    }

    private Outcome measureHub() throws Exception {
        try (HubProcess hub = new HubProcess(HubProcess.distribution(), Path.of("target", "mqtt-hub").toAbsolutePath())) {
            hub.write("etc/things/mqtt-load.json", thingsFile());
            hub.configure("etc/org.cityhub.rest.cfg", "requestsPerSecond", 100_000);
            hub.start(HTTP);
            hub.awaitOnline("mqtt", HTTP);
            LongSupplier published = () -> metric(hub, "cityhub_events_published_total");
            return measure("cityhub", new Subject() {
                @Override
                public long handled() {
                    return published.getAsLong();
                }

                @Override
                public Duration cpu() {
                    return hub.cpu();
                }
            });
        }
    }

    private Outcome measureNodeRed() throws Exception {
        Path home = Path.of("target", "node-red").toAbsolutePath();
        Path redJs = home.resolve("node_modules/node-red/red.js");
        if (!Files.exists(redJs)) {
            run(List.of("npm", "install", "--prefix", home.toString(), "--no-audit", "--no-fund", "node-red@4.1"),
                    Duration.ofMinutes(10));
        }
        Path user = home.resolve("user");
        Files.createDirectories(user);
        Files.writeString(user.resolve("flows.json"), flow());
        int port = freePort();
        Process process = new ProcessBuilder("node", redJs.toString(), "--userDir", user.toString(), "--port",
                Integer.toString(port), "flows.json").redirectErrorStream(true)
                .redirectOutput(home.resolve("node-red.log").toFile()).start();
        try {
            URI count = URI.create("http://127.0.0.1:" + port + "/count");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (nodeRedCount(count) < 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Node-RED did not answer; see " + home.resolve("node-red.log"));
                }
                TimeUnit.MILLISECONDS.sleep(250); // polling a condition with a deadline
            }
            TimeUnit.SECONDS.sleep(2); // its MQTT connection follows the HTTP listener; nothing to poll for it
            return measure("node-red", new Subject() {
                @Override
                public long handled() {
                    return nodeRedCount(count);
                }

                @Override
                public Duration cpu() {
                    return process.info().totalCpuDuration().orElse(Duration.ZERO);
                }
            });
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Warms up for 10 s, then publishes for the measurement, then waits for the backlog to drain. */
    private Outcome measure(String system, Subject subject) throws Exception {
        try (LoadPublisher publisher = new LoadPublisher(brokerPort, topics, rate)) {
            publisher.publishFor(Duration.ofSeconds(10));
            awaitQuiet(subject);
            long startHandled = subject.handled();
            long startSent = publisher.sent();
            Duration startCpu = subject.cpu();
            long start = System.nanoTime();
            long maxBacklog = 0;
            Thread load = new Thread(() -> publisher.publishFor(measurement), "mqtt-load");
            load.start();
            while (load.isAlive()) {
                load.join(1_000);
                maxBacklog = Math.max(maxBacklog, (publisher.sent() - startSent) - (subject.handled() - startHandled));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long sent = publisher.sent() - startSent;
            long handledDuring = subject.handled() - startHandled;
            long end = System.nanoTime();
            long handled = awaitQuiet(subject) - startHandled;
            double drain = (System.nanoTime() - end) / 1e9;
            double cpu = subject.cpu().minus(startCpu).toMillis();
            return new Outcome(system, sent, handled, handledDuring / seconds, maxBacklog, Math.max(0, sent - handled), drain,
                    cpu / Math.max(1, handled) * 1000);
        }
    }

    /** Waits until the count stops moving for a second; returns it. */
    private static long awaitQuiet(Subject subject) throws Exception {
        long last = -1;
        long now = subject.handled();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (now != last && System.nanoTime() < deadline) {
            last = now;
            TimeUnit.SECONDS.sleep(1); // sampling a counter once a second
            now = subject.handled();
        }
        return now;
    }

    private void report(List<Outcome> outcomes) {
        System.out.printf(Locale.ROOT, "MQTT ingestion: %,d topics, %,d messages/s offered for %d s (QoS 0, Moquette"
                + " 0.17 in the load JVM), %d cores%n%n", topics, rate, measurement.toSeconds(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("| system | sent | handled | handled/s while publishing | max backlog | left after drain |"
                + " drain, s | CPU ms per 1,000 messages |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Outcome o : outcomes) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,.0f | %,d | %,d | %.1f | %.1f |%n", o.system(), o.sent(),
                    o.handled(), o.handledPerSecond(), o.maxBacklog(), o.finalBacklog(), o.drainSeconds(),
                    o.cpuMillisPerThousand());
        }
        Outcome hub = outcomes.get(0);
        Outcome nodeRed = outcomes.get(1);
        System.out.printf(Locale.ROOT, "%ncityhub ÷ node-red: %.2f× the handled rate, %.2f× the CPU per message%n",
                hub.handledPerSecond() / nodeRed.handledPerSecond(),
                hub.cpuMillisPerThousand() / nodeRed.cpuMillisPerThousand());
    }

    private String thingsFile() {
        StringBuilder things = new StringBuilder("{\"things\": [\n  {\"uid\": \"mqtt:broker:load\", \"label\": \"Load broker\","
                + " \"configuration\": {\"host\": \"127.0.0.1\", \"port\": " + brokerPort + ", \"discovery\": false}}");
        for (int i = 0; i < topics; i++) {
            things.append(",\n  {\"uid\": \"mqtt:topic:t").append(i).append("\", \"label\": \"Topic ").append(i)
                    .append("\", \"bridgeUID\": \"mqtt:broker:load\", \"configuration\": {\"channels\": [{\"id\": \"v\","
                            + " \"itemType\": \"number\", \"stateTopic\": \"").append(LoadPublisher.topic(i))
                    .append("\", \"transform\": \"jsonpath:$.v\"}]}}");
        }
        return things.append("\n]}\n").toString();
    }

    /**
     * Node-RED's equivalent: mqtt in (JSON) → the value taken and counted; GET /count answers the count. Node ids
     * are opaque because Node-RED takes any property equal to a node's id for a reference to it.
     */
    private String flow() {
        return "[{\"id\": \"f1a0\", \"type\": \"tab\", \"label\": \"load\"},"
                + "{\"id\": \"b2c0\", \"type\": \"mqtt-broker\", \"name\": \"load\", \"broker\": \"127.0.0.1\", \"port\": \""
                + brokerPort + "\", \"clientid\": \"node-red-load\", \"autoConnect\": true, \"usetls\": false,"
                + " \"protocolVersion\": \"4\", \"keepalive\": \"60\", \"cleansession\": true},"
                + "{\"id\": \"n3d0\", \"type\": \"mqtt in\", \"z\": \"f1a0\", \"topic\": \"load/#\", \"qos\": \"0\", \"datatype\": \"json\","
                + " \"broker\": \"b2c0\", \"nl\": false, \"rap\": true, \"rh\": 0, \"wires\": [[\"n4e0\"]]},"
                + "{\"id\": \"n4e0\", \"type\": \"function\", \"z\": \"f1a0\", \"func\": \"const v = Number(msg.payload.v);"
                + " if (!Number.isNaN(v)) { global.set('count', (global.get('count') || 0) + 1); } return null;\","
                + " \"outputs\": 1, \"wires\": [[]]},"
                + "{\"id\": \"n5f0\", \"type\": \"http in\", \"z\": \"f1a0\", \"url\": \"/count\", \"method\": \"get\","
                + " \"wires\": [[\"n6a0\"]]},"
                + "{\"id\": \"n6a0\", \"type\": \"function\", \"z\": \"f1a0\", \"func\": \"msg.payload = String(global.get('count')"
                + " || 0); return msg;\", \"outputs\": 1, \"wires\": [[\"n7b0\"]]},"
                + "{\"id\": \"n7b0\", \"type\": \"http response\", \"z\": \"f1a0\", \"wires\": []}]";
    }

    private Server startBroker() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", Integer.toString(brokerPort));
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("telemetry_enabled", "false");
        Server server = new Server();
        server.startServer(new MemoryConfig(properties));
        return server;
    }



    private static long metric(HubProcess hub, String name) {
        try {
            String text = HTTP.send(hub.request("/metrics").build(), HttpResponse.BodyHandlers.ofString()).body();
            return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long nodeRedCount(URI count) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(count).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? Long.parseLong(answer.body().trim()) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Publishes QoS 0 messages at a steady total rate across the topics, from four client connections. */
    static final class LoadPublisher implements AutoCloseable {
        private final List<MqttAsyncClient> clients = new ArrayList<>();
        private final int topics;
        private final int rate;
        private long sent;
        private int next;

        LoadPublisher(int port, int topics, int rate) throws MqttException {
            this.topics = topics;
            this.rate = rate;
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMaxInflight(65_535);
            options.setCleanSession(true);
            for (int i = 0; i < 4; i++) {
                MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, "load-" + i + "-" + System.nanoTime(),
                        new MemoryPersistence());
                client.connect(options).waitForCompletion(10_000);
                clients.add(client);
            }
        }

        static String topic(int i) {
            return "load/t" + i + "/state";
        }

        synchronized long sent() {
            return sent;
        }

        /** Sends the rate in 10 ms slices for the duration. */
        void publishFor(Duration duration) {
            int perSlice = Math.max(1, rate / 100);
            long start = System.nanoTime();
            long slices = duration.toMillis() / 10;
            for (long slice = 0; slice < slices; slice++) {
                for (int i = 0; i < perSlice; i++) {
                    int topic = next++ % topics;
                    byte[] payload = ("{\"v\": " + (slice % 1000) + "." + i % 10 + ", \"t\": " + System.nanoTime() + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    try {
                        clients.get(topic % clients.size()).publish(topic(topic), payload, 0, false);
                        synchronized (this) {
                            sent++;
                        }
                    } catch (MqttException e) {
                        // the client's buffer is full: this message is lost, and not counted as sent
                    }
                }
                long due = start + (slice + 1) * 10_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait); // pacing the publisher, not synchronising
                }
            }
        }

        @Override
        public void close() throws MqttException {
            for (MqttAsyncClient client : clients) {
                client.disconnectForcibly(1000);
                client.close();
            }
        }
    }
}
