package org.cityhub.benchmarks.coap;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.cityhub.benchmarks.HubProcess;
import org.cityhub.benchmarks.StreamFleet;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * CoAP observation from the device to the client at the end. N devices, each a CoAP server of its own on its own
 * UDP port (Californium, sharing one pair of executors), notify their observer at a steady rate with numbered
 * messages {@code {"seq": n, "sent": micros}}. The hub, the distribution as its own process with the demo city
 * off, has one {@code coap:device} thing per device in ten departments, observing it; one SSE client per
 * department, on a department-scoped viewer token, follows its department's readings. Every notification is
 * counted per device from its number; the latency is the client's receipt minus the device's send time, on the
 * machine's one clock. Observation is eventually consistent (RFC 7641): a notification still being sent when the
 * next is due is replaced, and the harness counts that as lost like any other.
 *
 * <pre>java -cp target/benchmarks.jar org.cityhub.benchmarks.coap.CoapLoadTest [devices] [notifications/s per device] [seconds]</pre>
 */
public final class CoapLoadTest {

    private static final int DEPARTMENTS = 10;
    private static final int FIRST_DEVICE_PORT = 20_000;

    private final int devices;
    private final int perDevice;
    private final Duration measurement;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(2)).build();
    private final List<Device> resources = new ArrayList<>();
    private final List<CoapServer> servers = new ArrayList<>();

    private CoapLoadTest(int devices, int perDevice, Duration measurement) {
        this.devices = devices;
        this.perDevice = perDevice;
        this.measurement = measurement;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.californium", "warn"); // 1,000 servers start and stop
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int perDevice = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        // the devices' and clients' threads do not end by themselves, not even after a failure
        try {
            new CoapLoadTest(devices, perDevice, Duration.ofSeconds(seconds)).run();
            System.exit(0);
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * One device's observable reading. A notification can be replaced before it leaves (Californium builds it
     * later, on its executor, and holds back a new one while a confirmable one is unacknowledged), so a device
     * counts the numbers that left its endpoint: those are what was sent.
     */
    private static final class Device extends CoapResource {
        private final AtomicLong seq = new AtomicLong();
        private long sent; // guarded by this: distinct numbers that left the endpoint
        private long lastSent = -1; // guarded by this
        private volatile String reading = "{\"seq\": 0, \"sent\": 0}";

        Device() {
            super("reading");
            setObservable(true);
            getAttributes().setObservable();
        }

        void notifyObserver() {
            if (getObserverCount() == 0) {
                return; // not observed yet: nothing is sent, nothing numbered
            }
            Instant now = Instant.now();
            reading = "{\"seq\": " + seq.incrementAndGet() + ", \"sent\": " + (now.getEpochSecond() * 1_000_000
                    + now.getNano() / 1_000) + "}";
            changed();
        }

        /** Told of each response leaving the device's endpoint; a retransmission is not counted again. */
        synchronized void left(String payload) {
            if (!payload.startsWith("{\"seq\": ")) {
                return; // not a reading (an error answer): nothing numbered left
            }
            int start = 8;
            long number = Long.parseLong(payload, start, payload.indexOf(',', start), 10);
            if (number != lastSent) {
                lastSent = number;
                sent++;
            }
        }

        synchronized long sent() {
            return sent;
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.CONTENT, reading, MediaTypeRegistry.TEXT_PLAIN);
        }
    }

    private void run() throws Exception {
        ScheduledExecutorService main = Executors.newScheduledThreadPool(2);
        ScheduledExecutorService secondary = Executors.newSingleThreadScheduledExecutor();
        List<Integer> ports = startDevices(main, secondary);
        try (HubProcess hub = new HubProcess(HubProcess.distribution(), Path.of("target", "coap-hub").toAbsolutePath())) {
            hub.delete("etc/things/demo-city.json");
            hub.write("etc/things/coap-load.json", thingsFile(ports));
            hub.start(http);
            hub.awaitOnline("coap", http);
            StreamFleet fleet = new StreamFleet();
            for (int d = 0; d < DEPARTMENTS; d++) {
                String token = StreamFleet.token(http, hub, "coap-load-d" + d, "viewer", "d" + d);
                fleet.open(http, hub, token, "cityhub/things/+/channels/reading/state");
            }
            notifyFor(Duration.ofSeconds(10)); // warm-up: a fixed period of load, not a synchronisation
            fleet.awaitDrained(Long.MAX_VALUE); // so that nothing sent before the measurement arrives during it
            Map<String, Long> before = numbers();
            fleet.measure();
            Duration cpuBefore = hub.cpu();
            long start = System.nanoTime();
            notifyFor(measurement);
            double seconds = (System.nanoTime() - start) / 1e9;
            // the last notifications may still be leaving the devices' executors: count what left once all is quiet
            Map<String, Long> received = fleet.awaitDrained(Long.MAX_VALUE);
            Map<String, Long> after = numbers();
            double cores = hub.cpu().minus(cpuBefore).toNanos() / 1e9 / ((System.nanoTime() - start) / 1e9);
            hub.collectGarbage();
            report(before, after, received, fleet, seconds, cores, hub.heapUsedMegabytes());
        } finally {
            servers.forEach(CoapServer::destroy);
            main.shutdownNow();
            secondary.shutdownNow();
        }
    }

    /** Notifies perDevice times a second from each device, spread evenly over the second in 10 ms slices. */
    private void notifyFor(Duration duration) throws InterruptedException {
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        AtomicLong slice = new AtomicLong();
        int perSlice = Math.max(1, devices * perDevice / 100);
        ticks.scheduleAtFixedRate(() -> {
            long s = slice.getAndIncrement();
            for (int i = 0; i < perSlice; i++) {
                resources.get((int) ((s * perSlice + i) % devices)).notifyObserver();
            }
        }, 10, 10, TimeUnit.MILLISECONDS);
        TimeUnit.NANOSECONDS.sleep(duration.toNanos()); // the period of load
        ticks.shutdown();
        ticks.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * A CoAP server per device on a port of its own, one receiver and one sender thread each. The ports are taken
     * from 20,000 up, below the range the OS hands out for ephemeral ports, where the hub's own listening ports
     * (free ports the OS picked) never fall: a device on the hub's SSH port number is refused by the outbound policy.
     */
    private List<Integer> startDevices(ScheduledExecutorService main, ScheduledExecutorService secondary) {
        CoapConfig.register();
        UdpConfig.register();
        Configuration configuration = Configuration.createStandardWithoutFile()
                .set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1).set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        List<Integer> ports = new ArrayList<>();
        int port = FIRST_DEVICE_PORT;
        for (int i = 0; i < devices; i++) {
            Device device = new Device();
            CoapServer server = null;
            while (server == null) {
                server = started(configuration, device, port++, main, secondary);
            }
            servers.add(server);
            resources.add(device);
            ports.add(port - 1);
        }
        return ports;
    }

    /** The device's server on the port, or null if the port is taken. */
    private static CoapServer started(Configuration configuration, Device device, int port,
            ScheduledExecutorService main, ScheduledExecutorService secondary) {
        CoapServer server = new CoapServer(configuration);
        server.setExecutors(main, secondary, true);
        CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(configuration)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", port)).build();
        endpoint.addInterceptor(new MessageInterceptorAdapter() {
            @Override
            public void sendResponse(Response response) {
                device.left(response.getPayloadString());
            }
        });
        server.addEndpoint(endpoint);
        server.add(device);
        try {
            server.start();
            return server;
        } catch (IllegalStateException portTaken) {
            server.destroy();
            return null;
        }
    }

    private static String department(int device) {
        return "d" + device % DEPARTMENTS;
    }

    private static String thing(int device) {
        return "coap:device:" + department(device) + "-sensor-" + device;
    }

    /** How many numbers have left each device so far, by thing UID. */
    private Map<String, Long> numbers() {
        Map<String, Long> numbers = new HashMap<>();
        for (int i = 0; i < devices; i++) {
            numbers.put(thing(i), resources.get(i).sent());
        }
        return numbers;
    }

    private void report(Map<String, Long> before, Map<String, Long> after, Map<String, Long> received,
            StreamFleet fleet, double seconds, double cores, double heapMegabytes) {
        long sent = 0;
        long arrived = 0;
        Map<String, Long> lost = new TreeMap<>();
        for (String thing : after.keySet()) {
            long sentByThing = after.get(thing) - before.get(thing);
            long receivedByThing = received.getOrDefault(thing, 0L);
            sent += sentByThing;
            arrived += receivedByThing;
            if (sentByThing != receivedByThing) {
                lost.put(thing, sentByThing - receivedByThing);
            }
        }
        System.out.printf(Locale.ROOT, "CoAP observation: %,d devices, each a server on its own UDP port, notifying"
                + " %d/s each; %d SSE clients on department tokens; %.0f s measured; %d cores%n%n", devices, perDevice,
                DEPARTMENTS, seconds, Runtime.getRuntime().availableProcessors());
        System.out.println("| notifications sent | received by SSE clients | lost | devices with loss | announced missed"
                + " | latency p50 | p99 | p99.9 | hub CPU | hub heap after GC |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        System.out.printf(Locale.ROOT, "| %,d | %,d | %,d | %d | %,d | %.1f ms | %.1f ms | %.1f ms | %.2f cores | %.0f MiB |%n",
                sent, arrived, sent - arrived, lost.size(), fleet.announcedSinceMeasuring(), fleet.latencyMillis(0.50),
                fleet.latencyMillis(0.99), fleet.latencyMillis(0.999), cores, heapMegabytes);
        if (!lost.isEmpty()) {
            System.out.println("lost by device, the 20 with most: " + lost.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
                    .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    private String thingsFile(List<Integer> ports) {
        StringBuilder things = new StringBuilder("{\"things\": [");
        for (int i = 0; i < devices; i++) {
            things.append(i == 0 ? "\n" : ",\n").append("  {\"uid\": \"").append(thing(i)).append("\", \"label\": \"Sensor ")
                    .append(i).append("\", \"department\": \"").append(department(i))
                    .append("\", \"configuration\": {\"baseUri\": \"coap://127.0.0.1:").append(ports.get(i))
                    .append("\", \"channels\": [{\"id\": \"reading\", \"itemType\": \"text\", \"path\": \"reading\"}]}}");
        }
        return things.append("\n]}\n").toString();
    }
}
