package org.cityhub.benchmarks.federation;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.cityhub.benchmarks.HubProcess;
import org.cityhub.benchmarks.StreamFleet;
import org.cityhub.test.KafkaServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Cross-hub delivery through Kafka, as users run it: a real Kafka broker (KRaft, its Maven artifacts, a process of
 * its own), hub a with 100 signal counters in 10 departments at 10,000 state events/s in all, hub b with none, both
 * from the distribution, federated. Measured for 30 s each: a's own SSE clients (one per department) with
 * federation on; b's SSE clients receiving a's events through Kafka; then in turn, three cycles unless the third
 * argument says otherwise: a's own clients with b stopped; with federation switched off (its configuration
 * removed); and off while Kafka's bare clients keep the broker as busy as a's federation does, which tells the
 * hub's own cost from the broker's share of the cores.
 * Every event is numbered per counter and counted. The practical limit, a bare Kafka producer and consumer passing
 * records of the same size on the same machine, is measured in the same run by {@link BareKafkaPair}.
 */
public final class FederationLoadTest {

    private static final int DEPARTMENTS = 10;
    private static final int COUNTERS = 100;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).build();
    private final int rate;
    private final Duration measurement;
    private final int cycles;
    private int phases;
    private HubProcess origin;
    private KafkaServer broker;

    /**
     * One measured period; the cores are CPU seconds per second of hub a, of the hub whose clients are measured when
     * that is another (NaN otherwise), and of Kafka.
     */
    private record Phase(String name, double deliveredPerSecond, double p50, double p99, double p999,
            StreamFleet.Tally tally, double originCores, double viewerCores, double brokerCores) {
    }

    private FederationLoadTest(int rate, Duration measurement, int cycles) {
        this.rate = rate;
        this.measurement = measurement;
        this.cycles = cycles;
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try {
            new FederationLoadTest(rate, Duration.ofSeconds(seconds), cycles).run();
            System.exit(0);
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private void run() throws Exception {
        Path classpath = Path.of("..", "build", "kafka-broker", "target", "classpath.txt").toAbsolutePath();
        try (KafkaServer kafka = KafkaServer.start(Path.of("target", "federation-kafka").toAbsolutePath(), classpath);
                HubProcess a = hub("a", kafka); HubProcess b = hub("b", kafka)) {
            origin = a;
            broker = kafka;
            a.write("etc/things/signals.json", signals(rate / COUNTERS));
            a.start(http);
            b.start(http);
            a.send(http, "POST", "/bindings", "{\"feature\": \"cityhub-binding-signal\"}");
            a.awaitOnline("signal", http);
            awaitRemote(b);
            System.out.printf(Locale.ROOT, "%,d signal counters on hub a in %d departments at %,d events/s in all; one"
                    + " SSE client per department; Kafka %s; %d cores%n", COUNTERS, DEPARTMENTS, rate, "4.4.0 (KRaft,"
                    + " one broker)", Runtime.getRuntime().availableProcessors());
            List<Phase> phases = new ArrayList<>();
            phases.add(measure("hub a's own clients, federation on", a));
            phases.add(measure("hub b's clients, a's events through Kafka", b));
            b.close(); // a's federation alone from here: what a's own path pays, without the other hub on 2 cores
            List<Phase> on = new ArrayList<>();
            List<Phase> off = new ArrayList<>();
            List<Phase> offBusyKafka = new ArrayList<>();
            for (int cycle = 1; cycle <= cycles; cycle++) { // in turn: the machine's drift falls on all three
                on.add(measure("hub a's own clients, federation on, b stopped (" + cycle + ")", a));
                a.delete("etc/org.cityhub.federation.cfg");
                awaitFederation(a, false);
                off.add(measure("hub a's own clients, federation off (" + cycle + ")", a));
                // the broker on these two cores kept as busy as a's federation keeps it, by Kafka's bare clients
                try (BareKafkaPair load = BareKafkaPair.start(kafka.bootstrap(), rate, sampleRecord())) {
                    offBusyKafka.add(measure("hub a's own clients, federation off, Kafka as busy from outside the"
                            + " hub (" + cycle + ")", a));
                }
                a.write("etc/org.cityhub.federation.cfg", settings("a", kafka));
                awaitFederation(a, true);
            }
            phases.addAll(on);
            phases.addAll(off);
            phases.addAll(offBusyKafka);
            report(phases);
            BareKafkaPair.Result bare = BareKafkaPair.run(kafka.bootstrap(), rate, measurement, sampleRecord());
            System.out.printf(Locale.ROOT, "%n| bare Kafka producer → consumer, same records | %,.0f | %.1f / %.1f /"
                    + " %.1f |%n", bare.perSecond(), bare.p50(), bare.p99(), bare.p999());
            Phase crossing = phases.get(1);
            System.out.printf(Locale.ROOT, "%nhub a → hub b ÷ bare Kafka pair: %.2f× the throughput, %.2f× the p99"
                    + " latency%n", crossing.deliveredPerSecond() / bare.perSecond(), crossing.p99() / bare.p99());
            compare("federation on (b stopped) ÷ off", on, off);
            compare("federation on (b stopped) ÷ off with Kafka as busy from outside the hub", on, offBusyKafka);
        }
    }

    private static HubProcess hub(String id, KafkaServer kafka) throws Exception {
        HubProcess hub = new HubProcess(HubProcess.distribution(), Path.of("target", "federation-" + id)
                .toAbsolutePath());
        hub.delete("etc/things/demo-city.json");
        for (String demo : new String[] { "canal-flood", "river-alarm", "school-air", "evening-lights" }) {
            hub.delete("etc/rules/" + demo + ".json");
        }
        hub.write("etc/org.cityhub.federation.cfg", settings(id, kafka));
        return hub;
    }

    private static String settings(String id, KafkaServer kafka) {
        return "hubId = " + id + "\nbootstrapServers = " + kafka.bootstrap() + "\n";
    }

    /** Hub a's local path in two settings, as medians of the cycles. */
    private static void compare(String what, List<Phase> these, List<Phase> those) {
        System.out.printf(Locale.ROOT, "hub a's local path, %s, medians of %d cycles: %.3f× the throughput, %.2f× the"
                + " p99 (%.1f ms ÷ %.1f ms); hub a used %.2f against %.2f cores, Kafka %.2f against %.2f%n", what,
                these.size(), median(these, Phase::deliveredPerSecond) / median(those, Phase::deliveredPerSecond),
                median(these, Phase::p99) / median(those, Phase::p99), median(these, Phase::p99),
                median(those, Phase::p99), median(these, Phase::originCores), median(those, Phase::originCores),
                median(these, Phase::brokerCores), median(those, Phase::brokerCores));
    }

    private static double median(List<Phase> phases, java.util.function.ToDoubleFunction<Phase> figure) {
        double[] values = phases.stream().mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    private Phase measure(String name, HubProcess viewer) throws Exception {
        StreamFleet fleet = new StreamFleet();
        List<String> tokens = new ArrayList<>();
        for (int d = 0; d < DEPARTMENTS; d++) {
            String department = "d" + d;
            tokens.add("load-" + department + "-" + phases++);
            fleet.open(http, viewer, StreamFleet.token(http, viewer, tokens.get(d), "viewer", department),
                    "cityhub/things/+/channels/count/state");
        }
        TimeUnit.SECONDS.sleep(10); // warm-up: a fixed period of load, not a synchronisation
        fleet.measure();
        Duration originBefore = origin.cpu();
        Duration viewerBefore = viewer.cpu();
        Duration brokerBefore = broker.cpu();
        long start = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(measurement.toNanos()); // the measured period
        double seconds = (System.nanoTime() - start) / 1e9;
        double originCores = (origin.cpu().minus(originBefore).toNanos() / 1e9) / seconds;
        double brokerCores = (broker.cpu().minus(brokerBefore).toNanos() / 1e9) / seconds;
        double viewerCores = viewer == origin ? Double.NaN
                : (viewer.cpu().minus(viewerBefore).toNanos() / 1e9) / seconds;
        long delivered = fleet.deliveredSinceMeasuring();
        // every number between each client's first and last of each counter: a gap is an event lost
        Phase phase = new Phase(name, delivered / seconds, fleet.latencyMillis(0.50), fleet.latencyMillis(0.99),
                fleet.latencyMillis(0.999), fleet.tally(Map.of()), originCores, viewerCores,
                brokerCores);
        for (String token : tokens) {
            viewer.send(http, "DELETE", "/tokens/" + token, ""); // revoking a token closes its streams
        }
        return phase;
    }

    /** Each counter's count now, on the hub that runs it: the last number it sent. */
    private Map<String, Long> counts(HubProcess hub) throws Exception {
        JsonNode things = new ObjectMapper().readTree(http.send(hub.request("/things?binding=signal&limit="
                + COUNTERS).build(), HttpResponse.BodyHandlers.ofString()).body());
        Map<String, Long> counts = new HashMap<>();
        things.forEach(thing -> counts.put(thing.path("uid").asText(), thing.at("/states/count/value").asLong()));
        return counts;
    }

    private void awaitRemote(HubProcess b) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (counts(b).size() < COUNTERS) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("hub b does not show hub a's counters after 120 s");
            }
            TimeUnit.MILLISECONDS.sleep(500); // polling a condition with a deadline
        }
    }

    /** Waits until federation runs on the hub, or is off, as its configuration now says. */
    private void awaitFederation(HubProcess hub, boolean running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (http.send(hub.request("/hubs").build(), HttpResponse.BodyHandlers.ofString()).body()
                .contains("\"state\":\"running\"") != running) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("federation did not " + (running ? "start" : "stop") + " on the hub"
                        + " within 60 s");
            }
            TimeUnit.MILLISECONDS.sleep(500); // polling a condition with a deadline
        }
    }

    /** A state record as hub a sends one to Kafka, for the bare pair to send records of the same size. */
    private static String sampleRecord() {
        return "{\"v\":1,\"hub\":\"a\",\"kind\":\"state\",\"sent\":\"" + Instant.now() + "\",\"thingUID\":"
                + "\"signal:counter:d0-0\",\"channel\":\"count\",\"state\":{\"type\":\"number\",\"value\":123456,"
                + "\"updated\":\"" + Instant.now() + "\"}}";
    }

    private static void report(List<Phase> phases) {
        System.out.printf(Locale.ROOT, "%n| path | state events delivered/s | p50 / p99 / p99.9 ms (device to SSE"
                + " client) | expected / received / announced missed / lost unannounced / out of order | CPU cores used by"
                + " hub a / hub b / Kafka |%n| --- | ---: | ---: | ---: | ---: |%n");
        for (Phase phase : phases) {
            StreamFleet.Tally tally = phase.tally();
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f / %.1f / %.1f | %,d / %,d / %,d / %,d / %,d | %.2f /"
                    + " %s / %.2f |%n", phase.name(), phase.deliveredPerSecond(), phase.p50(), phase.p99(), phase.p999(),
                    tally.expected(), tally.received(), tally.announced(), tally.unannounced(), tally.disordered(),
                    phase.originCores(), Double.isNaN(phase.viewerCores()) ? "–"
                            : String.format(Locale.ROOT, "%.2f", phase.viewerCores()), phase.brokerCores());
        }
    }

    private static String signals(int perCounter) {
        StringBuilder file = new StringBuilder("{\"things\": [\n");
        for (int i = 0; i < COUNTERS; i++) {
            file.append(i == 0 ? "" : ",\n").append("{\"uid\": \"signal:counter:d").append(i % DEPARTMENTS)
                    .append('-').append(i).append("\", \"label\": \"Counter ").append(i)
                    .append("\", \"department\": \"d").append(i % DEPARTMENTS)
                    .append("\", \"configuration\": {\"ratePerSecond\": ").append(perCounter).append("}}");
        }
        return file.append("\n]}").toString();
    }
}
