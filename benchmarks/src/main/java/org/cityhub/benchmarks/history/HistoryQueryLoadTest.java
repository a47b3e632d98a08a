package org.cityhub.benchmarks.history;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.types.NumberValue;
import org.cityhub.benchmarks.HubProcess;
import org.cityhub.api.persistence.PersistenceService;
import org.cityhub.history.internal.PostgresStore;
import org.cityhub.history.internal.SqliteStore;
import org.cityhub.test.PostgresServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * History's queries in the hub as users run it, through REST: 100 channels of a 10-second gauge for 30 days
 * (25.9 million points, written straight into the store with its own code and summarised by its upkeep code before
 * the hub starts on it: the embedded SQLite file, or PostgreSQL from the OS package): one channel's month at hourly averages, the same for 100 channels at once (8 requests in
 * flight), a month at 30-minute averages (computed from the points: no summaries for it), and a million raw points
 * read page by page with the hub's heap sampled.
 *
 * <pre>java -cp target/benchmarks.jar org.cityhub.benchmarks.history.HistoryQueryLoadTest [channels] [days]
 *     [sqlite|postgresql] [reuse (sqlite: query the file an earlier run filled)]</pre>
 */
public final class HistoryQueryLoadTest {

    private static final Duration EVERY = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private HubProcess hub;

    public static void main(String[] args) throws Exception {
        int channels = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String store = args.length > 2 ? args[2] : "sqlite";
        boolean reuse = args.length > 3 && args[3].equals("reuse");
        HistoryQueryLoadTest test = new HistoryQueryLoadTest();
        if (store.equals("postgresql")) {
            Path folder = Path.of("target", "history-query-postgres").toAbsolutePath();
            if (Files.exists(folder)) {
                try (var old = Files.walk(folder)) {
                    old.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(folder);
            try (PostgresServer postgres = PostgresServer.start(folder)) {
                test.runOnPostgres(channels, days, postgres);
            }
        } else {
            test.run(channels, days, reuse);
        }
    }

    /** The same queries with the hub on PostgreSQL, filled with the PostgreSQL store's code. */
    private void runOnPostgres(int channels, int days, PostgresServer postgres) throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        try (PostgresStore store = new PostgresStore(new PostgresStore.Settings(postgres.jdbcUrl(),
                PostgresServer.USER, "", "cityhub", 2, ZoneOffset.UTC), Clock.systemUTC())) {
            fill(store, channels, end.minus(Duration.ofDays(days)), end);
        }
        queries(channels, days, end, process -> {
            process.configure("etc/org.cityhub.history.cfg", "store", "postgresql");
            process.configure("etc/org.cityhub.history.cfg", "postgresql.url", postgres.jdbcUrl());
            process.configure("etc/org.cityhub.history.cfg", "postgresql.user", PostgresServer.USER);
        });
    }

    /** Prepares the hub's home before it starts. */
    @FunctionalInterface
    private interface Setup {
        void prepare(HubProcess process) throws Exception;
    }

    private void run(int channels, int days, boolean reuse) throws Exception {
        Path file = Path.of("target", "history-query.db").toAbsolutePath();
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        if (reuse && Files.exists(file)) {
            // the file of an earlier run (``reuse''): its range ends where its summaries do
            try (SqliteStore store = new SqliteStore(Map.<String, Object>of("sqliteFile", file.toString(), "timeZone",
                    "UTC"))) {
                end = store.info().summarisedUntil();
            }
            System.out.println("reusing " + file + ", points until " + end);
        } else {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + "-wal"));
            try (SqliteStore store = new SqliteStore(Map.<String, Object>of("sqliteFile", file.toString(),
                    "timeZone", "UTC"))) {
                fill(store, channels, end.minus(Duration.ofDays(days)), end);
            }
        }
        queries(channels, days, end, process -> {
            Files.createDirectories(Path.of("target", "history-query-hub", "state", "history"));
            Files.copy(file, Path.of("target", "history-query-hub", "state", "history", "history.db"));
        });
    }

    private void queries(int channels, int days, Instant end, Setup setup) throws Exception {
        Instant start = end.minus(Duration.ofDays(days));
        long points = (long) channels * Duration.ofDays(days).dividedBy(EVERY);
        try (HubProcess process = new HubProcess(HubProcess.distribution(), Path.of("target", "history-query-hub")
                .toAbsolutePath())) {
            hub = process;
            process.delete("etc/things/demo-city.json");
            process.write("etc/things/gauges.json", things(channels));
            process.configure("etc/org.cityhub.history.cfg", "timeZone", "UTC");
            // one client asks for 100 channels at once: the per-token rate limit is for people, not for this
            process.configure("etc/org.cityhub.rest.cfg", "requestsPerSecond", 100_000);
            process.configure("etc/org.cityhub.rest.cfg", "burstRequests", 100_000);
            setup.prepare(process);
            process.start(http);
            process.awaitOnline("http", http);
            String range = "from=" + start + "&to=" + end;
            measure("1 channel, " + days + " days, hourly avg", 20, () -> List.of(
                    query(0, range + "&interval=1h&aggregate=avg", days * 24)));
            measure(channels + " channels at once, " + days + " days, hourly avg (8 in flight)", 5,
                    () -> all(channels, range + "&interval=1h&aggregate=avg", days * 24));
            measure("1 channel, " + days + " days, 30-minute avg from points", 5, () -> List.of(
                    query(0, range + "&interval=30m&aggregate=avg", days * 48)));
            rawPages(Math.min(channels, 4), range);
            long bytes = JSON.readTree(http.send(process.request("/history/status").build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("bytes").asLong();
            System.out.printf("%nstore: %,d points and their summaries in %.1f MB, %.1f bytes per point%n", points,
                    bytes / 1e6, (double) bytes / points);
        }
    }

    /** Writes the points with the store's own code, as the hub would have, and summarises them. */
    private static void fill(PersistenceService store, int channels, Instant start, Instant end) throws Exception {
        long began = System.nanoTime();
        long written = 0;
        List<HistoricState> batch = new ArrayList<>(10_000);
        for (Instant t = start; t.isBefore(end); t = t.plus(EVERY)) {
            for (int c = 0; c < channels; c++) {
                double level = 3 + Math.sin(t.getEpochSecond() / 3_600.0 + c) + c / 100.0;
                batch.add(new HistoricState(channel(c), t, new NumberValue(BigDecimal.valueOf(Math.round(level
                        * 1_000) / 1_000.0), "m")));
            }
            if (batch.size() >= 10_000) {
                store.store(batch, 0);
                written += batch.size();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.store(batch, 0);
            written += batch.size();
        }
        double writing = (System.nanoTime() - began) / 1e9;
        long summarising = System.nanoTime();
        long summaries = store.summarise(end);
        System.out.printf("filled: %,d points in %.0f s (%.0f points/s through the store's code), %,d summaries in"
                + " %.0f s%n", written, writing, written / writing, summaries, (System.nanoTime() - summarising) / 1e9);
    }

    private static ChannelUID channel(int c) {
        return ChannelUID.parse(String.format("http:push:q%03d:level", c));
    }

    private static String things(int channels) {
        StringBuilder json = new StringBuilder("{\"things\": [");
        for (int c = 0; c < channels; c++) {
            json.append(c == 0 ? "" : ",").append(String.format("{\"uid\": \"http:push:q%03d\", \"label\": \"Gauge %d\","
                    + " \"department\": \"water\", \"configuration\": {\"channels\": [{\"id\": \"level\", \"itemType\":"
                    + " \"number\", \"unit\": \"m\", \"transform\": \"jsonpath:$.level\"}]}}", c, c));
        }
        return json.append("]}").toString();
    }

    /** One channel's answer; checks it holds the expected number of intervals. */
    private long query(int c, String query, int expected) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(hub.request(String.format("/things/http:push:q%03d/channels/level/"
                + "history?%s", c, query)).build(), HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - started;
        JsonNode body = JSON.readTree(answer.body());
        if (answer.statusCode() != 200 || body.get("points").size() < expected) {
            throw new IllegalStateException("query " + query + " answered " + answer.statusCode() + " with "
                    + body.path("points").size() + " intervals, expected " + expected + ": " + answer.body()
                    .substring(0, Math.min(300, answer.body().length())));
        }
        return took;
    }

    private List<Long> all(int channels, String query, int expected) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                int channel = c;
                answers.add(clients.submit(() -> query(channel, query, expected)));
            }
            for (Future<Long> answer : answers) {
                answer.get();
            }
            return List.of();
        } finally {
            clients.shutdown();
        }
    }

    /** A measurement: its wall time per run, after 3 runs to warm up. */
    @FunctionalInterface
    private interface Run {
        List<Long> once() throws Exception;
    }

    private void measure(String what, int runs, Run run) throws Exception {
        for (int i = 0; i < 3; i++) {
            run.once();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            run.once();
            millis.add((System.nanoTime() - started) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("%-60s median %8.1f ms  worst %8.1f ms  (%d runs)%n", what, millis.get(millis.size() / 2),
                millis.get(millis.size() - 1), runs);
    }

    /** A million raw points (or what the channels hold), read in pages of 10,000, with the hub's heap sampled. */
    private void rawPages(int channels, String range) throws Exception {
        hub.collectGarbage();
        double before = hub.heapUsedMegabytes();
        double highest = before;
        long points = 0;
        int pages = 0;
        long started = System.nanoTime();
        for (int c = 0; c < channels; c++) {
            String cursor = null;
            do {
                HttpResponse<String> answer = http.send(hub.request(String.format("/things/http:push:q%03d/channels/"
                        + "level/history?%s&limit=10000%s", c, range, cursor == null ? "" : "&cursor=" + cursor))
                        .build(), HttpResponse.BodyHandlers.ofString());
                JsonNode body = JSON.readTree(answer.body());
                points += body.get("points").size();
                cursor = body.has("next") ? body.get("next").asText() : null;
                if (++pages % 10 == 0) {
                    highest = Math.max(highest, hub.heapUsedMegabytes());
                }
            } while (cursor != null);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        hub.collectGarbage();
        System.out.printf("raw: %,d points in %d pages of 10,000 in %.1f s (%.0f points/s); hub heap after full GC"
                + " %.0f MiB before, %.0f MiB after; highest sampled while reading %.0f MiB%n", points, pages, seconds,
                points / seconds, before, hub.heapUsedMegabytes(), highest);
    }
}
