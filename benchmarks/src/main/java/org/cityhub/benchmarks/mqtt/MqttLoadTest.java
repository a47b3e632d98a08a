package org.cityhub.benchmarks.mqtt;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.cityhub.benchmarks.HubProcess;
import org.cityhub.benchmarks.Mosquitto;
import org.cityhub.benchmarks.NodeRed;
import org.cityhub.benchmarks.NumberedDevices;
import org.cityhub.benchmarks.StreamFleet;

/**
 * MQTT from the device to the client at the end, the hub beside Node-RED 4.1, ramped until each saturates. 100
 * devices of ten departments ({@link NumberedDevices}) send numbered messages through Mosquitto (the OS package);
 * the rate climbs step by step. The hub (the distribution as a process, demo city off, one {@code mqtt:topic}
 * thing per device) is followed by one SSE client per department on a department-scoped viewer token; Node-RED
 * (an {@code mqtt in} node per department wired to a {@code websocket out} sending whole messages) by one
 * WebSocket client per department. Every message is counted per device from its number: a step's loss is exactly
 * the messages of each device that never reached its client. Latency is the client's receipt minus the device's
 * send time, on the machine's one clock. A system is saturated at the first step that loses a message or whose
 * p99 passes 100 ms; its saturation rate is the step before. CPU per message is its process's CPU time over the
 * step (drain included) per message delivered.
 *
 * <pre>java -cp target/benchmarks.jar org.cityhub.benchmarks.mqtt.MqttLoadTest [seconds per step] [hub|node-red|both]</pre>
 */
public final class MqttLoadTest {

    private static final int DEPARTMENTS = 10;
    private static final int DEVICES_PER_DEPARTMENT = 10;
    private static final int[] RATES = { 5_000, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 80_000, 100_000,
        120_000, 160_000, 200_000 };
    private static final double P99_LIMIT_MILLIS = 100;

    /** One rate step of one system: what was sent, what arrived, how fast, at what cost. */
    private record Step(int offered, double sentPerSecond, long sent, long received, long announced,
            Map<String, Long> lostByDevice, double p50, double p99, double p999, double cpuMillisPerThousand,
            Cores cores) {

        long lost() {
            return lostByDevice.values().stream().mapToLong(Long::longValue).sum();
        }

        boolean saturated() {
            return lost() > 0 || announced > 0 || !(p99 <= P99_LIMIT_MILLIS);
        }
    }

    /** Where the machine's cores went during a step: the system, the broker, the harness (devices and clients). */
    private record Cores(double system, double broker, double harness) {
    }

    /** A system under test: its process's CPU time, and how its clients name a device. */
    private interface Subject {
        Duration cpu();

        Duration brokerCpu();

        String key(String device);
    }

    private final Duration stepDuration;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(2)).build();

    private MqttLoadTest(Duration stepDuration) {
        this.stepDuration = stepDuration;
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String which = args.length > 1 ? args[1] : "both";
        // the devices' and clients' threads do not end by themselves, not even after a failure
        try {
            new MqttLoadTest(Duration.ofSeconds(seconds)).run(which);
            System.exit(0);
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private void run(String which) throws Exception {
        Path work = Path.of("target", "mqtt-load").toAbsolutePath();
        System.out.printf(Locale.ROOT, "MQTT device → client: %d devices in %d departments through Mosquitto, QoS 0,"
                + " %d s per step, %d cores%n", DEPARTMENTS * DEVICES_PER_DEPARTMENT, DEPARTMENTS,
                stepDuration.toSeconds(), Runtime.getRuntime().availableProcessors());
        List<List<Step>> ramps = new ArrayList<>();
        List<String> systems = new ArrayList<>();
        if (!which.equals("node-red")) {
            systems.add("cityhub");
            ramps.add(rampHub(work));
        }
        if (!which.equals("hub")) {
            systems.add("node-red 4.1");
            ramps.add(rampNodeRed(work));
        }
        summarise(systems, ramps);
    }

    private List<Step> rampHub(Path work) throws Exception {
        try (Mosquitto broker = Mosquitto.start(work.resolve("hub-broker"));
                NumberedDevices devices = new NumberedDevices(broker.port(), "load", DEPARTMENTS, DEVICES_PER_DEPARTMENT);
                HubProcess hub = new HubProcess(HubProcess.distribution(), work.resolve("hub"))) {
            hub.delete("etc/things/demo-city.json");
            hub.write("etc/things/mqtt-load.json", devices.thingsFile());
            hub.start(http);
            hub.awaitOnline("mqtt", http);
            StreamFleet fleet = new StreamFleet();
            for (int d = 0; d < DEPARTMENTS; d++) {
                String department = NumberedDevices.department(d);
                String token = StreamFleet.token(http, hub, "load-" + department, "viewer", department);
                fleet.open(http, hub, token, "cityhub/things/+/channels/reading/state");
            }
            return ramp("cityhub", devices, fleet, new Subject() {
                @Override
                public Duration cpu() {
                    return hub.cpu();
                }

                @Override
                public Duration brokerCpu() {
                    return broker.cpu();
                }

                @Override
                public String key(String device) {
                    return "mqtt:topic:" + device;
                }
            });
        }
    }

    private List<Step> rampNodeRed(Path work) throws Exception {
        try (Mosquitto broker = Mosquitto.start(work.resolve("node-red-broker"));
                NumberedDevices devices = new NumberedDevices(broker.port(), "load", DEPARTMENTS, DEVICES_PER_DEPARTMENT);
                NodeRed nodeRed = NodeRed.start(work, flow(broker.port()))) {
            StreamFleet fleet = new StreamFleet();
            for (int d = 0; d < DEPARTMENTS; d++) {
                URI uri = URI.create("ws://127.0.0.1:" + nodeRed.port() + "/ws/" + NumberedDevices.department(d));
                nodeRed.whenListening(() -> fleet.openWebSocket(http, uri));
            }
            return ramp("node-red", devices, fleet, new Subject() {
                @Override
                public Duration cpu() {
                    return nodeRed.cpu();
                }

                @Override
                public Duration brokerCpu() {
                    return broker.cpu();
                }

                @Override
                public String key(String device) {
                    return devices.topic(device);
                }
            });
        }
    }

    /** Warms up until every device has reached its client, then climbs the rates until the system saturates. */
    private List<Step> ramp(String system, NumberedDevices devices, StreamFleet fleet, Subject subject)
            throws Exception {
        warmUp(devices, fleet, subject);
        System.out.printf(Locale.ROOT, "%n%s%n| offered msg/s | sent msg/s | sent | received | lost | announced missed |"
                + " devices with loss | p50 ms | p99 ms | p99.9 ms | CPU ms per 1,000 msgs | cores: %s, broker,"
                + " harness |%n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |%n",
                system, system);
        List<Step> steps = new ArrayList<>();
        for (int rate : RATES) {
            Step step = step(rate, devices, fleet, subject);
            steps.add(step);
            System.out.printf(Locale.ROOT, "| %,d | %,.0f | %,d | %,d | %,d | %,d | %d | %.1f | %.1f | %.1f | %.1f |"
                    + " %.2f, %.2f, %.2f |%n", step.offered(), step.sentPerSecond(), step.sent(), step.received(),
                    step.lost(), step.announced(), step.lostByDevice().size(), step.p50(), step.p99(), step.p999(),
                    step.cpuMillisPerThousand(), step.cores().system(), step.cores().broker(), step.cores().harness());
            if (!step.lostByDevice().isEmpty()) {
                System.out.println("  lost by device: " + step.lostByDevice().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
            }
            if (step.saturated() || step.sentPerSecond() < 0.9 * rate) {
                break; // saturated, or the devices themselves cannot send faster on this machine
            }
        }
        return steps;
    }

    private void warmUp(NumberedDevices devices, StreamFleet fleet, Subject subject) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        devices.start(RATES[0]);
        try {
            while (fleet.receivedByThingSinceMeasuring().size() < devices.devices().size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("in 120 s, messages reached the clients from only "
                            + fleet.receivedByThingSinceMeasuring().size() + " devices");
                }
                TimeUnit.MILLISECONDS.sleep(100); // polling a condition with a deadline
            }
            TimeUnit.SECONDS.sleep(10); // warm-up: a fixed period of load, not a synchronisation
        } finally {
            devices.stop();
        }
        fleet.awaitDrained(devices.sent());
    }

    private Step step(int rate, NumberedDevices devices, StreamFleet fleet, Subject subject) throws Exception {
        Map<String, Long> before = devices.lastSent();
        fleet.measure();
        Duration cpuBefore = subject.cpu();
        Duration brokerBefore = subject.brokerCpu();
        Duration harnessBefore = harnessCpu();
        long start = System.nanoTime();
        devices.start(rate);
        TimeUnit.NANOSECONDS.sleep(stepDuration.toNanos()); // the step's length
        devices.stop();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> after = devices.lastSent();
        long sent = after.values().stream().mapToLong(Long::longValue).sum()
                - before.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> received = fleet.awaitDrained(sent);
        Map<String, Long> lost = new java.util.TreeMap<>();
        long total = 0;
        for (String device : devices.devices()) {
            long arrived = received.getOrDefault(subject.key(device), 0L);
            total += arrived;
            long missing = after.get(device) - before.get(device) - arrived;
            if (missing != 0) {
                lost.put(device, missing);
            }
        }
        double cpu = subject.cpu().minus(cpuBefore).toNanos() / 1e6;
        double elapsed = (System.nanoTime() - start) / 1e9;
        Cores cores = new Cores(cpu / 1e3 / elapsed, subject.brokerCpu().minus(brokerBefore).toNanos() / 1e9 / elapsed,
                harnessCpu().minus(harnessBefore).toNanos() / 1e9 / elapsed);
        return new Step(rate, sent / seconds, sent, total, fleet.announcedSinceMeasuring(), lost,
                fleet.latencyMillis(0.50), fleet.latencyMillis(0.99), fleet.latencyMillis(0.999),
                cpu / Math.max(1, total) * 1000, cores);
    }

    private static Duration harnessCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private void summarise(List<String> systems, List<List<Step>> ramps) {
        System.out.printf(Locale.ROOT, "%n| system | saturation msg/s (no loss, p99 ≤ %.0f ms) | p99 at 20,000 msg/s |"
                + " CPU ms per 1,000 msgs at 20,000 msg/s |%n| --- | ---: | ---: | ---: |%n", P99_LIMIT_MILLIS);
        List<Integer> saturations = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        for (int i = 0; i < systems.size(); i++) {
            List<Step> steps = ramps.get(i);
            int saturation = steps.stream().takeWhile(s -> !s.saturated()).mapToInt(Step::offered).max().orElse(0);
            boolean reachedTop = steps.stream().noneMatch(Step::saturated);
            Step at20k = steps.stream().filter(s -> s.offered() == 20_000).findFirst().orElse(null);
            saturations.add(saturation);
            cpus.add(at20k == null ? Double.NaN : at20k.cpuMillisPerThousand());
            System.out.printf(Locale.ROOT, "| %s | %s%,d | %s | %s |%n", systems.get(i), reachedTop ? "≥ " : "",
                    saturation, at20k == null ? "—" : String.format(Locale.ROOT, "%.1f ms", at20k.p99()),
                    at20k == null ? "—" : String.format(Locale.ROOT, "%.1f", at20k.cpuMillisPerThousand()));
        }
        if (systems.size() == 2) {
            System.out.printf(Locale.ROOT, "%ncityhub ÷ node-red: %.2f× the saturation rate, %.2f× the CPU per message"
                    + " at 20,000 msg/s%n", saturations.get(0) / (double) Math.max(1, saturations.get(1)),
                    cpus.get(0) / cpus.get(1));
        }
    }

    /**
     * Node-RED's equivalent of the hub's department streams: per department, an {@code mqtt in} node (text, as the
     * hub's text channel takes it) wired to a {@code websocket out} at {@code /ws/<department>} that sends each
     * whole message as JSON. Node ids are opaque because Node-RED takes any property equal to a node's id for a
     * reference to it.
     */
    private static String flow(int brokerPort) {
        StringBuilder flow = new StringBuilder("[{\"id\": \"f1a0c0\", \"type\": \"tab\", \"label\": \"load\"},"
                + "{\"id\": \"b2c0d0\", \"type\": \"mqtt-broker\", \"name\": \"load\", \"broker\": \"127.0.0.1\","
                + " \"port\": \"" + brokerPort + "\", \"clientid\": \"node-red-load\", \"autoConnect\": true,"
                + " \"usetls\": false, \"protocolVersion\": \"4\", \"keepalive\": \"60\", \"cleansession\": true}");
        for (int d = 0; d < DEPARTMENTS; d++) {
            String department = NumberedDevices.department(d);
            flow.append(",\n{\"id\": \"a0e1").append(d).append("\", \"type\": \"websocket-listener\", \"path\": \"/ws/")
                    .append(department).append("\", \"wholemsg\": \"true\"}")
                    .append(",\n{\"id\": \"a1e2").append(d).append("\", \"type\": \"mqtt in\", \"z\": \"f1a0c0\", \"topic\": \"load/")
                    .append(department).append("/#\", \"qos\": \"0\", \"datatype\": \"utf8\", \"broker\": \"b2c0d0\","
                            + " \"nl\": false, \"rap\": true, \"rh\": 0, \"wires\": [[\"a2e3").append(d).append("\"]]}")
                    .append(",\n{\"id\": \"a2e3").append(d).append("\", \"type\": \"websocket out\", \"z\": \"f1a0c0\","
                            + " \"server\": \"a0e1").append(d).append("\", \"client\": \"\", \"wires\": []}");
        }
        return flow.append("]").toString();
    }
}
