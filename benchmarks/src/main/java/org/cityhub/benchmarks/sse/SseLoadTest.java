package org.cityhub.benchmarks.sse;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.cityhub.benchmarks.HubProcess;
import org.cityhub.benchmarks.StreamFleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * SSE fan-out of the hub as users run it: the distribution as a process (demo city off), ten departments, each
 * with its own signal counters (the signal binding, counting at a steady rate, so that every event is numbered)
 * and its own clients on department-scoped viewer tokens (five streams per token, the default limit), each client
 * following one of its department's counters. Publish-to-receipt latency is the client's receipt time minus the
 * state's {@code updated} time, both read off the machine's wall clock. At the end the counters stop (the binding
 * is uninstalled), their last numbers are read, and every event is accounted for: received, announced as
 * {@code missed}, or lost without a word.
 *
 * <pre>java -cp target/benchmarks.jar org.cityhub.benchmarks.sse.SseLoadTest [clients] [events/s] [seconds]</pre>
 */
public final class SseLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEPARTMENTS = 10;
    private static final int STREAMS_PER_TOKEN = 5;

    private final int clients;
    private final int rate;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).build();

    private SseLoadTest(int clients, int rate) {
        this.clients = clients;
        this.rate = rate;
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        new SseLoadTest(clients, rate).run(HubProcess.distribution(), Duration.ofSeconds(10), Duration.ofSeconds(seconds));
        System.exit(0);
    }

    private void run(Path distribution, Duration warmup, Duration measurement) throws Exception {
        int perThing = rate / clients;
        try (HubProcess hub = new HubProcess(distribution, Path.of("target", "sse-hub").toAbsolutePath())) {
            hub.delete("etc/things/demo-city.json");
            hub.write("etc/things/signals.json", signals(perThing));
            hub.start(http);
            send(hub, "POST", "/bindings", "{\"feature\": \"cityhub-binding-signal\"}");
            hub.awaitOnline("signal", http);
            StreamFleet fleet = new StreamFleet();
            String token = null;
            for (int i = 0; i < clients; i++) {
                String department = department(i);
                if (i % STREAMS_PER_TOKEN == 0) {
                    token = StreamFleet.token(http, hub, "load-" + i, "viewer", department);
                }
                fleet.open(http, hub, token, "cityhub/things/" + thing(i) + "/channels/count/state");
            }
            awaitClients(hub, fleet);
            System.out.printf("%d SSE clients on %d department tokens; %d signal counters at %d/s (%d events/s)%n",
                    clients, clients / STREAMS_PER_TOKEN, clients, perThing, perThing * clients);

            TimeUnit.MILLISECONDS.sleep(warmup.toMillis()); // the load's warm-up, not synchronisation
            hub.collectGarbage();
            fleet.measure();
            long cpuStart = hub.cpu().toNanos();
            long start = System.nanoTime();
            TimeUnit.MILLISECONDS.sleep(measurement.toMillis()); // the measured period
            long elapsed = System.nanoTime() - start;
            long cpu = hub.cpu().toNanos() - cpuStart;
            long delivered = fleet.deliveredSinceMeasuring();

            send(hub, "DELETE", "/bindings/signal", null); // the counters stop; their last numbers stay
            TimeUnit.SECONDS.sleep(3); // the last events in flight reach the clients
            StreamFleet.Tally tally = fleet.tally(lastCounts(hub));
            hub.collectGarbage();
            Map<String, Double> metrics = metrics(hub);
            report(fleet, tally, delivered, elapsed, cpu, metrics, hub.heapUsedMegabytes());
        }
    }

    /** Five clients in a row share a department and its token. */
    private static String department(int client) {
        return "d" + client / STREAMS_PER_TOKEN % DEPARTMENTS;
    }

    private static String thing(int client) {
        return "signal:counter:" + department(client) + "-" + client;
    }

    private String signals(int perThing) {
        StringBuilder file = new StringBuilder("{\"things\": [\n");
        for (int i = 0; i < clients; i++) {
            file.append(i == 0 ? "" : ",\n").append("{\"uid\": \"").append(thing(i)).append("\", \"label\": \"Signal ")
                    .append(i).append("\", \"department\": \"").append(department(i))
                    .append("\", \"configuration\": {\"ratePerSecond\": ").append(perThing).append("}}");
        }
        return file.append("\n]}").toString();
    }

    private Map<String, Long> lastCounts(HubProcess hub) throws IOException, InterruptedException {
        Map<String, Long> last = new HashMap<>();
        for (int offset = 0; offset < clients; offset += 1_000) { // pages of the API's largest size
            JsonNode things = JSON.readTree(http.send(hub.request("/things?binding=signal&limit=1000&offset=" + offset)
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode thing : things) {
                last.put(thing.path("uid").asText(), thing.at("/states/count/value").asLong());
            }
        }
        return last;
    }

    private void report(StreamFleet fleet, StreamFleet.Tally tally, long delivered, long elapsedNanos, long cpuNanos,
            Map<String, Double> metrics, double heap) {
        double seconds = elapsedNanos / 1e9;
        System.out.printf("clients                    %d (%d refused, %d got nothing, %.0f dropped by the hub)%n",
                tally.clients(), fleet.refused(), tally.silent(), metrics.get("dropped"));
        System.out.printf("delivered events/s         %.0f (to all clients, while measuring)%n", delivered / seconds);
        System.out.printf("latency p50 / p99 / p99.9  %.1f / %.1f / %.1f ms (publish to receipt)%n",
                fleet.latencyMillis(0.50), fleet.latencyMillis(0.99), fleet.latencyMillis(0.999));
        System.out.printf("events sent to the clients %d; received %d; announced as missed %d; lost unannounced %d;"
                + " out of order %d%n", tally.expected(), tally.received(), tally.announced(), tally.unannounced(),
                tally.disordered());
        System.out.printf("hub CPU                    %.2f cores of %d%n", cpuNanos / (double) elapsedNanos,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("hub heap after full GC     %.1f MiB%n", heap);
        System.out.printf("hub threads                %.0f%n", metrics.get("threads"));
    }

    private Map<String, Double> metrics(HubProcess hub) throws IOException, InterruptedException {
        String text = http.send(hub.request("/metrics").build(), HttpResponse.BodyHandlers.ofString()).body();
        return Map.of("threads", value(text, "jvm_threads_current "),
                "dropped", value(text, "cityhub_sse_clients_dropped_total "),
                "clients", value(text, "cityhub_sse_clients "));
    }

    private static double value(String metrics, String prefix) {
        return metrics.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(prefix.length()))).orElse(-1.0);
    }

    private void awaitClients(HubProcess hub, StreamFleet fleet) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (metrics(hub).get("clients") < clients) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + metrics(hub).get("clients") + " of " + clients
                        + " SSE clients connected within 120 s (" + fleet.refused() + " refused: "
                        + fleet.refusals() + ")");
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling a condition with a deadline
        }
    }

    private void send(HubProcess hub, String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = hub.request(path);
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }
}
