package org.cityhub.benchmarks.rules;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

import org.cityhub.benchmarks.HubProcess;
import org.cityhub.benchmarks.LatencyHistogram;
import org.cityhub.benchmarks.NodeRed;
import org.cityhub.benchmarks.SseFrameReader;
import org.cityhub.benchmarks.StreamFleet;

/**
 * The rule engine's cost in the hub as users run it: the same 10,000 state events/s (1,000 signal counters in ten
 * departments, every event numbered) to one SSE client per department, first without rules, then with 10,000 rules
 * watching those counters in the same hub. Nine in ten rules are thresholds the counters never reach, evaluated on
 * every event of their channel; one in a hundred counters has a rule that fires on each of its changes and
 * publishes a city event to its department, whose client measures trigger to action: the triggering event's time
 * (carried in the city event's cause) to the city event's receipt. The bus's own figures (delivered events/s,
 * publish-to-receipt latency, CPU per event) are compared between the phases, each measured in three cycles.
 *
 * <pre>java -cp target/benchmarks.jar org.cityhub.benchmarks.rules.RulesLoadTest [rules] [events/s] [seconds]
 * [hub|node-red|both]</pre>
 */
public final class RulesLoadTest {

    private static final int DEPARTMENTS = 10;
    private static final int COUNTERS = 1_000;
    /** One counter in this many has a rule that fires on each of its changes. */
    private static final int FIRING_EVERY = 10;
    /** Each phase is measured this many times, the three in turn. */
    private static final int CYCLES = 3;

    private final int rules;
    private final int rate;
    private final Duration measurement;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).build();

    /** What one phase measured. */
    private record Phase(String name, double deliveredPerSecond, double p50, double p99, double p999,
            double cpuMillisPerThousand, double firingsPerSecond, double actionP50, double actionP99, long cityEvents,
            double firedMetric) {
    }

    private RulesLoadTest(int rules, int rate, Duration measurement) {
        this.rules = rules;
        this.rate = rate;
        this.measurement = measurement;
    }

    public static void main(String[] args) throws Exception {
        int rules = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String which = args.length > 3 ? args[3] : "both";
        try {
            RulesLoadTest test = new RulesLoadTest(rules, rate, Duration.ofSeconds(seconds));
            if (!which.equals("node-red")) {
                test.hub();
            }
            if (!which.equals("hub")) {
                test.nodeRed(Path.of("target", "rules-node-red").toAbsolutePath());
            }
            System.exit(0);
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private void hub() throws Exception {
        try (HubProcess hub = new HubProcess(HubProcess.distribution(), Path.of("target", "rules-hub")
                .toAbsolutePath())) {
            hub.delete("etc/things/demo-city.json");
            for (String demo : new String[] { "canal-flood", "river-alarm", "school-air", "evening-lights" }) {
                hub.delete("etc/rules/" + demo + ".json");
            }
            hub.write("etc/things/signals.json", signals(rate / COUNTERS));
            hub.start(http);
            hub.send(http, "POST", "/bindings", "{\"feature\": \"cityhub-binding-signal\"}");
            hub.awaitOnline("signal", http);
            StreamFleet fleet = new StreamFleet();
            CityEvents actions = new CityEvents();
            for (int d = 0; d < DEPARTMENTS; d++) {
                String department = department(d);
                String token = StreamFleet.token(http, hub, "load-" + department, "viewer", department);
                fleet.open(http, hub, token, "cityhub/things/+/channels/count/state");
                actions.open(http, hub, token);
            }
            System.out.printf(Locale.ROOT, "%,d signal counters in %d departments at %,d events/s in all, one SSE"
                    + " client per department; %d cores%n", COUNTERS, DEPARTMENTS, rate,
                    Runtime.getRuntime().availableProcessors());
            List<List<Phase>> cycles = new ArrayList<>();
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                cycles.add(cycle(hub, fleet, actions));
                System.out.printf(Locale.ROOT, "cycle %d of %d measured%n", cycle, CYCLES);
            }
            report(cycles);
        }
    }

    /**
     * One cycle: no rules; the rules watching; the firing rules too; then every rule file deleted again, so that the
     * next cycle starts from a hub without rules. Cycles, rather than one long phase each, spread this machine's
     * drift over all three.
     */
    private List<Phase> cycle(HubProcess hub, StreamFleet fleet, CityEvents actions) throws Exception {
        Phase without = measure("no rules", hub, fleet, actions);
        long loading = System.nanoTime();
        writeRules(hub, 0, rules, false);
        awaitMetric(hub, "cityhub_rules{status=\"active\"}", rules, "rules active");
        System.out.printf(Locale.ROOT, "%,d rule files written, read, checked and running in %.1f s%n", rules,
                (System.nanoTime() - loading) / 1e9);
        Phase watching = measure(String.format(Locale.ROOT, "%,d rules watching, none firing", rules), hub, fleet,
                actions);
        writeRules(hub, 0, COUNTERS, true); // the first rule of each counter; one counter in ten fires
        awaitFiring(hub);
        Phase firing = measure(String.format(Locale.ROOT, "%,d rules, %d firing on every change", rules,
                COUNTERS / FIRING_EVERY), hub, fleet, actions);
        for (int r = 0; r < rules; r++) {
            hub.delete("etc/rules/load-" + r + ".json");
        }
        awaitNoRules(hub);
        return List.of(without, watching, firing);
    }

    /**
     * The same workload in Node-RED 4.1: a function node counting 1,000 counters at the same rate in all (as the
     * hub's signal binding does, inside the process), a switch node routing each message by topic to its counter's
     * switch node (1,000 rules), and there nine thresholds never reached (9,000 rules) and, for one counter in ten, a
     * rule that passes every message on (Node-RED's rules are a list each message walks; the hub's are an index), to
     * a change node (the action) and a WebSocket to the client, which times generation to receipt.
     */
    private void nodeRed(Path work) throws Exception {
        Files.createDirectories(work);
        try (NodeRed nodeRed = NodeRed.start(work, NodeRedRules.flow(COUNTERS, rate, FIRING_EVERY))) {
            Actions actions = new Actions();
            nodeRed.whenListening(() -> http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
                    + nodeRed.port() + "/ws/actions"), actions).get(30, TimeUnit.SECONDS));
            TimeUnit.SECONDS.sleep(10); // warm-up: a fixed period of load, not a synchronisation
            actions.measure();
            long cpuStart = nodeRed.cpu().toNanos();
            long start = System.nanoTime();
            TimeUnit.NANOSECONDS.sleep(measurement.toNanos()); // the measured period
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpu = nodeRed.cpu().toNanos() - cpuStart;
            long received = actions.received.sum();
            double events = received * (double) FIRING_EVERY; // every message of one counter in ten passes
            System.out.printf(Locale.ROOT, "%n| node-red 4.1, %,d rules | events processed/s | actions received/s |"
                    + " CPU ms per 1,000 events | trigger → action p50 / p99 ms |%n| --- | ---: | ---: | ---: | ---: |%n"
                    + "| same workload | %,.0f | %,.0f | %.1f | %.1f / %.1f |%n", COUNTERS * 10, events / seconds,
                    received / seconds, cpu / 1e6 / Math.max(1, events) * 1000, actions.percentileMillis(0.50),
                    actions.percentileMillis(0.99));
        }
    }

    private Phase measure(String name, HubProcess hub, StreamFleet fleet, CityEvents actions) throws Exception {
        TimeUnit.SECONDS.sleep(10); // warm-up: a fixed period of load, not a synchronisation
        hub.collectGarbage();
        fleet.measure();
        actions.measure();
        double firedBefore = hub.metrics(http).getOrDefault("cityhub_rule_firings_total", 0.0);
        long cpuStart = hub.cpu().toNanos();
        long start = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(measurement.toNanos()); // the measured period
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = hub.cpu().toNanos() - cpuStart;
        long delivered = fleet.deliveredSinceMeasuring();
        long cityEvents = actions.received.sum();
        double fired = hub.metrics(http).getOrDefault("cityhub_rule_firings_total", 0.0) - firedBefore;
        return new Phase(name, delivered / seconds, fleet.latencyMillis(0.50), fleet.latencyMillis(0.99),
                fleet.latencyMillis(0.999), cpu / 1e6 / Math.max(1, delivered) * 1000, fired / seconds,
                actions.percentileMillis(0.50), actions.percentileMillis(0.99), cityEvents, fired);
    }

    private void report(List<List<Phase>> cycles) {
        System.out.printf(Locale.ROOT, "%n| phase (cycle) | state events delivered/s | p50 / p99 / p99.9 ms (publish to receipt) |"
                + " hub CPU ms per 1,000 events | rule firings/s | trigger → action p50 / p99 ms | city events received"
                + " / firings |%n| --- | ---: | ---: | ---: | ---: | ---: | ---: |%n");
        for (int kind = 0; kind < 3; kind++) {
            for (int cycle = 0; cycle < cycles.size(); cycle++) {
                Phase phase = cycles.get(cycle).get(kind);
                System.out.printf(Locale.ROOT, "| %s (%d) | %,.0f | %.1f / %.1f / %.1f | %.1f | %,.0f | %s | %,d / %,.0f |%n",
                        phase.name(), cycle + 1, phase.deliveredPerSecond(), phase.p50(), phase.p99(), phase.p999(),
                        phase.cpuMillisPerThousand(), phase.firingsPerSecond(), phase.cityEvents() == 0 ? "—"
                                : String.format(Locale.ROOT, "%.1f / %.1f", phase.actionP50(), phase.actionP99()),
                        phase.cityEvents(), phase.firedMetric());
            }
        }
        Phase none = median(cycles, 0);
        for (int kind = 1; kind < 3; kind++) {
            Phase with = median(cycles, kind);
            System.out.printf(Locale.ROOT, "median of %d cycles, %s ÷ no rules: %.3f× the events delivered, %.2f× the"
                    + " p99 latency, %.2f× the CPU per event; trigger → action p99 %s%n", cycles.size(), with.name(),
                    with.deliveredPerSecond() / none.deliveredPerSecond(), with.p99() / none.p99(),
                    with.cpuMillisPerThousand() / none.cpuMillisPerThousand(), Double.isNaN(with.actionP99()) ? "—"
                            : String.format(Locale.ROOT, "%.1f ms", with.actionP99()));
        }
    }

    /** The median of each figure of one kind of phase over the cycles. */
    private static Phase median(List<List<Phase>> cycles, int kind) {
        List<Phase> phases = cycles.stream().map(cycle -> cycle.get(kind)).toList();
        return new Phase(phases.get(0).name(), median(phases, Phase::deliveredPerSecond), median(phases, Phase::p50),
                median(phases, Phase::p99), median(phases, Phase::p999), median(phases, Phase::cpuMillisPerThousand),
                median(phases, Phase::firingsPerSecond), median(phases, Phase::actionP50),
                median(phases, Phase::actionP99), 0, 0);
    }

    private static double median(List<Phase> phases, ToDoubleFunction<Phase> figure) {
        double[] values = phases.stream().mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    private static String department(int index) {
        return "d" + index;
    }

    private static String counter(int index) {
        return "signal:counter:" + department(index % DEPARTMENTS) + "-" + index;
    }

    private static String signals(int perCounter) {
        StringBuilder file = new StringBuilder("{\"things\": [\n");
        for (int i = 0; i < COUNTERS; i++) {
            file.append(i == 0 ? "" : ",\n").append("{\"uid\": \"").append(counter(i)).append("\", \"label\": \"Counter ")
                    .append(i).append("\", \"department\": \"").append(department(i % DEPARTMENTS))
                    .append("\", \"configuration\": {\"ratePerSecond\": ").append(perCounter).append("}}");
        }
        return file.append("\n]}").toString();
    }

    /**
     * Rules {@code from} to {@code to}, spread evenly over the counters: thresholds the counters never reach, or,
     * with {@code firing}, for one counter in ten a rule that fires on each of its changes.
     */
    private static void writeRules(HubProcess hub, int from, int to, boolean fires) throws IOException {
        for (int r = from; r < to; r++) {
            int c = r % COUNTERS;
            boolean firing = fires && c % FIRING_EVERY == 0;
            String channel = counter(c) + ":count";
            String trigger = firing ? "{\"type\": \"changed\", \"channel\": \"" + channel + "\"}"
                    : "{\"type\": \"threshold\", \"channel\": \"" + channel + "\", \"above\": 1e15, \"for\": \"1m\"}";
            hub.write("etc/rules/load-" + r + ".json", "{\"label\": \"load " + r + "\", \"department\": \""
                    + department(c % DEPARTMENTS) + "\", \"maxFiringsPerMinute\": 6000, \"triggers\": [" + trigger
                    + "], \"actions\": [{\"type\": \"event\", \"name\": \"tick\", \"message\": \"{value}\"}]}");
        }
    }

    /** Until the hub has no rules left: every status counts none. */
    private void awaitNoRules(HubProcess hub) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (hub.metrics(http).entrySet().stream().anyMatch(metric -> metric.getKey().startsWith("cityhub_rules{")
                && metric.getValue() > 0)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("in 10 minutes the rules were not all removed");
            }
            TimeUnit.MILLISECONDS.sleep(500); // polling a condition with a deadline
        }
    }

    /** Until the firing rules fire: their firings counted by the hub. */
    private void awaitFiring(HubProcess hub) throws Exception {
        double before = hub.metrics(http).getOrDefault("cityhub_rule_firings_total", 0.0);
        awaitMetric(hub, "cityhub_rule_firings_total", before + COUNTERS / FIRING_EVERY, "firings");
    }

    private void awaitMetric(HubProcess hub, String metric, double wanted, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            double value = hub.metrics(http).getOrDefault(metric, 0.0);
            if (value >= wanted) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("in 10 minutes only " + value + " of " + wanted + " " + what);
            }
            TimeUnit.MILLISECONDS.sleep(500); // polling a condition with a deadline
        }
    }

    /** Trigger-to-action times, and how many actions arrived, since {@link #measure}. */
    private static class Timings {
        private final LatencyHistogram latencies = new LatencyHistogram();
        final LongAdder received = new LongAdder();
        volatile boolean measuring;

        void record(long micros) {
            latencies.record(micros);
            received.increment();
        }

        void measure() {
            latencies.reset();
            received.reset();
            measuring = true;
        }

        double percentileMillis(double fraction) {
            return latencies.percentileMillis(fraction);
        }

        static long micros(Instant instant) {
            return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
        }
    }

    /** Each department's city events, timed from the triggering event (the cause's {@code at}) to receipt. */
    private static final class CityEvents extends Timings {

        void open(HttpClient http, HubProcess hub, String token) {
            http.sendAsync(hub.request("/events?topics=" + URLEncoder.encode("cityhub/city/#", StandardCharsets.UTF_8))
                    .setHeader("Authorization", "Bearer " + token).build(),
                    info -> HttpResponse.BodySubscribers.fromLineSubscriber(new SseFrameReader(this::frame)));
        }

        private void frame(String event, String data) {
            if (!measuring || !"city".equals(event)) {
                return;
            }
            int at = data.indexOf("\"at\":\"") + 6;
            record(micros(Instant.now()) - micros(Instant.parse(data.substring(at, data.indexOf('"', at)))));
        }
    }

    /** Node-RED's actions, whole messages over a WebSocket, timed from their generation ({@code t}, ms) to receipt. */
    private static final class Actions extends Timings implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                if (measuring) {
                    String message = partial.toString();
                    int at = message.indexOf("\"t\":") + 4;
                    int end = at;
                    while (end < message.length() && Character.isDigit(message.charAt(end))) {
                        end++;
                    }
                    record(micros(Instant.now()) - Long.parseLong(message, at, end, 10) * 1_000);
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
