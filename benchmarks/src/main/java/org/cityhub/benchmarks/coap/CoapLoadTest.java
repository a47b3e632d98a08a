package org.cityhub.benchmarks.coap;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.cityhub.benchmarks.HubProcess;
import org.cityhub.benchmarks.SseFrameReader;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * CoAP observation under load: N simulated devices (one Californium server on loopback, a resource per device
 * under its own path) each notify their observer once a second with their send time; the hub, as its own process,
 * has one coap:device thing per device observing it. Reports notifications sent and state events received per
 * second, the latency from a device's notification to the hub's state event on /api/events (same clock), the
 * hub's CPU and its heap after GC.
 *
 * <pre>java -cp target/benchmarks.jar org.cityhub.benchmarks.coap.CoapLoadTest [devices] [seconds]</pre>
 */
public final class CoapLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final int devices;
    private final Duration measurement;
    private final List<Device> resources = new ArrayList<>();
    private final AtomicLong notified = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean measuring;

    private CoapLoadTest(int devices, Duration measurement) {
        this.devices = devices;
        this.measurement = measurement;
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        new CoapLoadTest(devices, Duration.ofSeconds(seconds)).run();
        System.exit(0);
    }

    /** One simulated device's observable value: its last send time, as JSON. */
    private final class Device extends CoapResource {
        private volatile long sent;

        Device() {
            super("value");
            setObservable(true);
            getAttributes().setObservable();
        }

        void notifyObserver() {
            sent = System.currentTimeMillis();
            if (getObserverCount() > 0) {
                notified.incrementAndGet();
            }
            changed();
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.CONTENT, "{\"t\": " + sent + "}", MediaTypeRegistry.APPLICATION_JSON);
        }
    }

    private void run() throws Exception {
        CoapConfig.register();
        UdpConfig.register();
        Configuration configuration = Configuration.createStandardWithoutFile();
        CoapServer server = new CoapServer(configuration);
        server.addEndpoint(CoapEndpoint.builder().setConfiguration(configuration)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        for (int i = 0; i < devices; i++) {
            CoapResource parent = new CoapResource("d" + i);
            Device device = new Device();
            parent.add(device);
            server.add(parent);
            resources.add(device);
        }
        server.start();
        int port = server.getEndpoints().get(0).getAddress().getPort();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        // each device once a second, spread evenly over the second in 10 ms slices
        AtomicLong slice = new AtomicLong();
        ticks.scheduleAtFixedRate(() -> {
            int s = (int) (slice.getAndIncrement() % 100);
            for (int i = s; i < devices; i += 100) {
                resources.get(i).notifyObserver();
            }
        }, 10, 10, TimeUnit.MILLISECONDS);
        try (HubProcess hub = new HubProcess(HubProcess.distribution(), Path.of("target", "coap-hub").toAbsolutePath())) {
            hub.write("etc/things/coap-load.json", thingsFile(port));
            hub.configure("etc/org.cityhub.rest.cfg", "requestsPerSecond", 100_000);
            hub.start(HTTP);
            hub.awaitOnline("coap", HTTP);
            HTTP.sendAsync(hub.request("/events?topics=cityhub/things/%2B/channels/sent/state").build(),
                    info -> HttpResponse.BodySubscribers.fromLineSubscriber(new SseFrameReader(this::frame)));
            TimeUnit.SECONDS.sleep(10); // warm-up: a fixed period of load, not a synchronisation
            long notifiedBefore = notified.get();
            long receivedBefore = received.get();
            Duration cpuBefore = hub.cpu();
            long start = System.nanoTime();
            measuring = true;
            TimeUnit.NANOSECONDS.sleep(measurement.toNanos()); // the measured period
            measuring = false;
            double seconds = (System.nanoTime() - start) / 1e9;
            long sent = notified.get() - notifiedBefore;
            long handled = received.get() - receivedBefore;
            double cores = (hub.cpu().minus(cpuBefore).toMillis() / 1000.0) / seconds;
            hub.collectGarbage();
            report(sent / seconds, handled / seconds, cores, hub.heapUsedMegabytes());
        } finally {
            ticks.shutdownNow();
            server.destroy();
        }
    }

    private void frame(String event, String data) {
        if (!"state".equals(event)) {
            return;
        }
        received.incrementAndGet();
        if (!measuring) {
            return;
        }
        try {
            JsonNode state = JSON.readTree(data).path("state");
            long sent = state.path("value").asLong();
            long recorded = Instant.parse(state.path("updated").asText()).toEpochMilli();
            latencies.add(recorded - sent);
        } catch (Exception e) {
            // a frame that is not a state: not measured
        }
    }

    private void report(double sentPerSecond, double handledPerSecond, double cores, double heapMegabytes) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "CoAP observation: %,d devices observed, each notifying once a second, %d s"
                + " measured, %d cores%n%n", devices, measurement.toSeconds(), Runtime.getRuntime().availableProcessors());
        System.out.println("| notifications/s sent | state events/s | latency p50 | p99 | max | hub CPU | hub heap after GC |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        System.out.printf(Locale.ROOT, "| %,.0f | %,.0f | %d ms | %d ms | %d ms | %.2f cores | %.0f MiB |%n", sentPerSecond,
                handledPerSecond, percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1), cores, heapMegabytes);
    }

    private static long percentile(List<Long> sorted, double fraction) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * fraction) - 1));
    }

    private String thingsFile(int port) {
        StringBuilder things = new StringBuilder("{\"things\": [");
        for (int i = 0; i < devices; i++) {
            things.append(i == 0 ? "\n" : ",\n").append("  {\"uid\": \"coap:device:d").append(i)
                    .append("\", \"label\": \"Device ").append(i).append("\", \"configuration\": {\"baseUri\":"
                            + " \"coap://127.0.0.1:").append(port).append("/d").append(i)
                    .append("\", \"channels\": [{\"id\": \"sent\", \"itemType\": \"number\", \"path\": \"value\","
                            + " \"transform\": \"jsonpath:$.t\"}]}}");
        }
        return things.append("\n]}\n").toString();
    }

}
