package org.cityhub.benchmarks.hotswap;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.cityhub.benchmarks.HubProcess;
import org.cityhub.benchmarks.SseFrameReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hot swap under load: the distribution runs as a process; twenty signal counters push 10,000 events/s through the
 * bus while the simulator binding is updated 100 times. An SSE client follows the counters (every gap in their
 * numbers is a lost event) and one simulator thing's status (its downtime per update). Heap and threads are read
 * from {@code /api/metrics} after a full GC, before and after. The longest silence between two counter events the
 * client receives while the updates run shows any stall of delivery. Each run starts a fresh hub; the harness exits
 * with 1 if any run lost, skipped or reordered an event.
 *
 * <pre>java -cp target/benchmarks.jar org.cityhub.benchmarks.hotswap.HotSwapHarness [updates] [runs] [distribution.tar.gz]</pre>
 */
public final class HotSwapHarness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WATCHED = "simulator:traffic:harbour-gate";
    private static final int SIGNALS = 20;
    private static final int RATE_EACH = 500; // 10,000 events/s in all, each counter within its thing's budget

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Long> lastCount = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final Map<String, AtomicLong> lostIn = new LinkedHashMap<>(); // by phase, guarded by itself
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong missedNotices = new AtomicLong();
    private volatile String phase = "warm-up";
    private final List<long[]> watchedStatus = new ArrayList<>(); // {nanoTime, 1 if ONLINE}
    private volatile boolean measuring;
    private long lastCounterEvent; // nanoTime; touched only by the SSE client's thread
    private long longestSilence; // nanos, while measuring
    private HubProcess hub;

    public static void main(String[] args) throws Exception {
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path distribution = args.length > 2 ? Path.of(args[2]) : HubProcess.distribution();
        int failed = 0;
        for (int run = 1; run <= runs; run++) {
            System.out.printf("--- run %d of %d%n", run, runs);
            if (new HotSwapHarness().run(distribution, updates) > 0) {
                failed++;
            }
        }
        System.out.printf("=== %d of %d runs lost events%n", failed, runs);
        System.exit(failed == 0 ? 0 : 1);
    }

    /** One run on a fresh hub; returns the events lost, skipped or out of order. */
    private long run(Path distribution, int updates) throws Exception {
        try (HubProcess process = new HubProcess(distribution.toAbsolutePath(), Path.of("target", "hotswap-hub").toAbsolutePath())) {
            hub = process;
            process.start(http);
            hub.send(http, "POST", "/bindings", "{\"feature\": \"cityhub-binding-signal\"}");
            for (int i = 0; i < SIGNALS; i++) {
                hub.send(http, "POST", "/things", "{\"uid\": \"signal:counter:s" + i + "\", \"label\": \"Signal " + i
                        + "\", \"configuration\": {\"ratePerSecond\": " + RATE_EACH + "}}");
            }
            follow("cityhub/things/+/channels/count/state,cityhub/things/" + WATCHED + "/status");
            TimeUnit.SECONDS.sleep(5); // let the signals run before measuring
            phase = "full GC before";
            process.collectGarbage();
            Map<String, Double> before = metrics();
            TimeUnit.SECONDS.sleep(1); // a gap shows when the next event arrives: count it in this phase
            long receivedBefore = received.get();
            long start = System.nanoTime();
            measuring = true;
            phase = "updates";
            List<Long> downtimes = new ArrayList<>();
            for (int i = 0; i < updates; i++) {
                long requested = System.nanoTime();
                hub.send(http, "POST", "/bindings/simulator/update", "");
                downtimes.add(awaitOnlineAfter(requested));
            }
            double updating = (System.nanoTime() - start) / 1e9;
            measuring = false;
            phase = "after the updates";
            TimeUnit.SECONDS.sleep(2); // the last events in flight
            long events = received.get() - receivedBefore;
            double seconds = (System.nanoTime() - start) / 1e9;
            phase = "full GC after";
            process.collectGarbage();
            Map<String, Double> after = metrics();
            TimeUnit.SECONDS.sleep(1);
            report(updates, updating, events, seconds, downtimes, before, after);
            return lost() + outOfOrder.get();
        }
    }

    /** Milliseconds from the watched thing's last status change away from ONLINE to its first ONLINE after. */
    private long awaitOnlineAfter(long requested) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            synchronized (watchedStatus) {
                long wentDown = -1;
                for (long[] change : watchedStatus) {
                    if (change[0] >= requested && change[1] == 0 && wentDown < 0) {
                        wentDown = change[0];
                    } else if (wentDown >= 0 && change[1] == 1) {
                        return TimeUnit.NANOSECONDS.toMillis(change[0] - wentDown);
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(5); // polling what the SSE client recorded, with a deadline
        }
        throw new IllegalStateException(WATCHED + " did not come back ONLINE within 60 s of an update");
    }

    private void follow(String topics) {
        http.sendAsync(hub.request("/events?topics=" + topics).build(), info -> {
            if (info.statusCode() != 200) {
                throw new IllegalStateException("the event stream was refused with " + info.statusCode());
            }
            return HttpResponse.BodySubscribers.fromLineSubscriber(new SseFrameReader(this::frame));
        }).exceptionally(failure -> {
            System.err.println("the event stream failed: " + failure);
            System.exit(1);
            return null;
        });
    }

    private void frame(String event, String data) {
        JsonNode payload;
        try {
            payload = JSON.readTree(data);
        } catch (IOException e) {
            throw new IllegalStateException("the hub sent an event that is not JSON: " + data, e);
        }
        if ("missed".equals(event)) {
            missedNotices.addAndGet(payload.path("count").asLong());
        } else if ("status".equals(event)) {
            synchronized (watchedStatus) {
                watchedStatus.add(new long[] { System.nanoTime(),
                        payload.at("/status/status").asText().equals("ONLINE") ? 1 : 0 });
            }
        } else if ("state".equals(event)) {
            long now = System.nanoTime();
            if (measuring && lastCounterEvent != 0) {
                longestSilence = Math.max(longestSilence, now - lastCounterEvent);
            }
            lastCounterEvent = now;
            long count = payload.at("/state/value").asLong();
            Long previous = lastCount.put(payload.get("thingUID").asText(), count);
            received.incrementAndGet();
            if (previous != null && count > previous + 1) {
                synchronized (lostIn) {
                    lostIn.computeIfAbsent(phase, p -> new AtomicLong()).addAndGet(count - previous - 1);
                }
            } else if (previous != null && count <= previous) {
                outOfOrder.incrementAndGet();
            }
        }
    }

    private void report(int updates, double updating, long events, double seconds, List<Long> downtimes,
            Map<String, Double> before, Map<String, Double> after) {
        downtimes.sort(Long::compare);
        System.out.printf("updates of the simulator binding  %d in %.1f s%n", updates, updating);
        System.out.printf("signal events received            %d in %.1f s (%.0f/s)%n", events, seconds, events / seconds);
        System.out.printf("signal events lost                %d %s; announced as missed %d; out of order %d%n",
                lost(), lostIn, missedNotices.get(), outOfOrder.get());
        System.out.printf("longest silence between events    %d ms (while the updates ran)%n",
                TimeUnit.NANOSECONDS.toMillis(longestSilence));
        System.out.printf("downtime per update (%s)  median %d ms, p99 %d ms, max %d ms%n", WATCHED,
                percentile(downtimes, 0.5), percentile(downtimes, 0.99), downtimes.get(downtimes.size() - 1));
        System.out.printf("heap after full GC                %.1f MiB before, %.1f MiB after%n",
                before.get("heap") / 1048576, after.get("heap") / 1048576);
        System.out.printf("threads                           %.0f before, %.0f after%n", before.get("threads"),
                after.get("threads"));
    }

    /** Gaps in the counters' numbers, in every phase (the warm-up and the full GCs around the updates too). */
    private long lost() {
        synchronized (lostIn) {
            return lostIn.values().stream().mapToLong(AtomicLong::get).sum();
        }
    }

    private Map<String, Double> metrics() throws IOException, InterruptedException {
        String text = http.send(hub.request("/metrics").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return Map.of("heap", value(text, "jvm_memory_used_bytes{area=\"heap\"} "),
                "threads", value(text, "jvm_threads_current "));
    }

    private static double value(String metrics, String prefix) {
        return metrics.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(prefix.length()))).orElseThrow();
    }

    private static long percentile(List<Long> sorted, double fraction) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * fraction) - 1));
    }
}
