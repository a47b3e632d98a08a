package org.cityhub.benchmarks.history;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.types.NumberValue;
import org.cityhub.benchmarks.HubProcess;
import org.cityhub.history.internal.PostgresStore;
import org.cityhub.test.PostgresServer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * History's ingest in the hub as users run it: 50 counters of the signal binding report at a rate stepped up to
 * 50,000 states per second, each state a change that the default strategy records; per step, the states the bus
 * published, the points history wrote, what waited and what was dropped, and the store's own capacity (points per
 * second of the writer's time in the store). Once with the embedded SQLite store, once with PostgreSQL (the OS
 * package, started here), and beside the latter, the practical limit: the same number of rows written to a table
 * of the same shape by a batched INSERT and by COPY from this JVM.
 *
 * <pre>java -cp target/benchmarks.jar org.cityhub.benchmarks.history.HistoryIngestLoadTest [seconds per step] [stores]</pre>
 */
public final class HistoryIngestLoadTest {

    private static final int COUNTERS = 50;
    private static final int[] RATES_EACH = { 200, 500, 1_000 };
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String> stores = List.of((args.length > 1 ? args[1] : "sqlite,postgresql").split(","));
        HistoryIngestLoadTest test = new HistoryIngestLoadTest();
        System.out.printf("History ingest: %d signal counters, steps of %d s, %s%n", COUNTERS, seconds, stores);
        for (String store : stores) {
            if (store.equals("postgresql")) {
                Path folder = Path.of("target", "history-postgres").toAbsolutePath();
                deleteTree(folder);
                Files.createDirectories(folder);
                try (PostgresServer postgres = PostgresServer.start(folder)) {
                    long written = test.run(store, seconds, postgres);
                    plainWrites(postgres, Math.max(written, 1_000_000));
                    storeWrites(postgres, Math.max(written, 1_000_000));
                }
            } else {
                test.run(store, seconds, null);
            }
        }
    }

    /** One hub with the store; returns the points it wrote in its steps. */
    private long run(String store, int seconds, PostgresServer postgres) throws Exception {
        System.out.printf("%n== store: %s%n", store);
        System.out.printf("%-8s %12s %12s %10s %10s %10s %16s %10s%n", "rate", "published/s", "written/s",
                "queued", "dropped", "missed", "store capacity/s", "hub CPU");
        Path home = Path.of("target", "history-ingest-hub").toAbsolutePath();
        try (HubProcess hub = new HubProcess(HubProcess.distribution(), home)) {
            hub.delete("etc/things/demo-city.json");
            if (postgres != null) {
                hub.configure("etc/org.cityhub.history.cfg", "store", "postgresql");
                hub.configure("etc/org.cityhub.history.cfg", "postgresql.url", postgres.jdbcUrl());
                hub.configure("etc/org.cityhub.history.cfg", "postgresql.user", PostgresServer.USER);
            }
            hub.start(http);
            hub.send(http, "POST", "/bindings", "{\"feature\": \"cityhub-binding-signal\"}");
            for (int i = 0; i < COUNTERS; i++) {
                hub.send(http, "POST", "/things", counter(i, RATES_EACH[0]));
            }
            hub.awaitOnline("signal", http);
            long written = 0;
            for (int rate : RATES_EACH) {
                for (int i = 0; i < COUNTERS; i++) {
                    hub.send(http, "PUT", "/things/signal:counter:h" + i, counter(i, rate));
                }
                TimeUnit.SECONDS.sleep(SETTLE.toSeconds()); // the new rate reached, before measuring
                written += step(hub, rate * COUNTERS, seconds);
            }
            String status = hub.send(http, "GET", "/history/status", "");
            System.out.println("status: " + status);
            return written;
        }
    }

    private long step(HubProcess hub, int rate, int seconds) throws Exception {
        Map<String, Double> before = hub.metrics(http);
        Duration cpuBefore = hub.cpu();
        double maxQueued = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            TimeUnit.SECONDS.sleep(1); // sampling the queue once a second
            maxQueued = Math.max(maxQueued, hub.metrics(http).get("cityhub_history_points_queued"));
        }
        Map<String, Double> after = hub.metrics(http);
        double published = delta(before, after, "cityhub_events_published_total") / seconds;
        double written = delta(before, after, "cityhub_history_points_written_total");
        double storeSeconds = delta(before, after, "cityhub_history_write_seconds_total");
        double cpu = (hub.cpu().minus(cpuBefore).toMillis() / 1000.0) / seconds;
        System.out.printf("%-8d %12.0f %12.0f %10.0f %10.0f %10.0f %16.0f %9.2f%n", rate, published, written / seconds,
                maxQueued, delta(before, after, "cityhub_history_points_dropped_total"),
                delta(before, after, "cityhub_history_events_missed_total"), written / storeSeconds, cpu);
        return (long) written;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
    }

    private static String counter(int i, int rate) {
        return "{\"uid\": \"signal:counter:h" + i + "\", \"label\": \"Counter " + i + "\", \"configuration\":"
                + " {\"ratePerSecond\": " + rate + "}}";
    }

    /** The same rows written straight to PostgreSQL from this JVM: a batched INSERT, then COPY. */
    private static void plainWrites(PostgresServer postgres, long rows) throws Exception {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(postgres.jdbcUrl());
        source.setUser(PostgresServer.USER);
        source.setReWriteBatchedInserts(true);
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE plain_insert (series bigint, t bigint, k smallint, v double precision,"
                    + " s text, PRIMARY KEY (series, t))");
            statement.execute("CREATE TABLE plain_copy (LIKE plain_insert INCLUDING ALL)");
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO plain_insert VALUES (?, ?, 0, ?,"
                    + " NULL)")) {
                for (long i = 0; i < rows; i++) {
                    insert.setLong(1, i % COUNTERS);
                    insert.setLong(2, 1_780_000_000_000_000L + i);
                    insert.setDouble(3, i);
                    insert.addBatch();
                    if (i % 1_000 == 999) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
            double inserted = rows / ((System.nanoTime() - started) / 1e9);
            started = System.nanoTime();
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder chunk = new StringBuilder();
            for (long i = 0; i < rows; i++) {
                chunk.append(i % COUNTERS).append('\t').append(1_780_000_000_000_000L + i).append("\t0\t").append(i)
                        .append("\t\\N\n");
                if (i % 1_000 == 999 || i == rows - 1) {
                    copy.copyIn("COPY plain_copy FROM STDIN", new java.io.StringReader(chunk.toString()));
                    connection.commit();
                    chunk.setLength(0);
                }
            }
            double copied = rows / ((System.nanoTime() - started) / 1e9);
            System.out.printf("%nPostgreSQL, the practical limit from this JVM, %d rows in transactions of 1,000:%n"
                    + "  batched INSERT: %.0f rows/s%n  COPY:           %.0f rows/s%n", rows, inserted, copied);
        }
    }

    /** The same rows through the hub's PostgreSQL store code from this JVM, with no hub beside it. */
    private static void storeWrites(PostgresServer postgres, long rows) throws Exception {
        try (PostgresStore store = new PostgresStore(new PostgresStore.Settings(postgres.jdbcUrl(), PostgresServer.USER,
                "", "store_alone", 2, ZoneOffset.UTC), Clock.systemUTC())) {
            List<HistoricState> batch = new ArrayList<>(1_000);
            Instant start = Instant.now();
            long started = System.nanoTime();
            for (long i = 0; i < rows; i++) {
                ChannelUID channel = ChannelUID.parse("signal:counter:h" + (i % COUNTERS) + ":count");
                batch.add(new HistoricState(channel, start.plusNanos(1_000 * (i / COUNTERS)), NumberValue.of(i)));
                if (batch.size() == 1_000) {
                    store.store(batch, i);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                store.store(batch, rows);
            }
            System.out.printf("  the hub's store code alone (partitioned table, batches of 1,000 with the checkpoint):"
                    + " %.0f rows/s%n", rows / ((System.nanoTime() - started) / 1e9));
        }
    }

    private static void deleteTree(Path folder) throws java.io.IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
