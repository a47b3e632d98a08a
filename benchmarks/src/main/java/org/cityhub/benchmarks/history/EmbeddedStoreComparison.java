package org.cityhub.benchmarks.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which embedded database should keep the hub's channel history: H2 2.x (MVStore) and SQLite (sqlite-jdbc), both
 * from Maven Central, measured in the same run through JDBC with the same narrow schema, {@code (channel, t, v)}
 * keyed by channel and time. Each gets the same points: C channels reporting every 10 s for D days, written in
 * time order across channels (as a hub records them) in batches of 1,000 rows, one transaction each, with the
 * durability each offers for a process crash (H2's default; SQLite in WAL mode, {@code synchronous=NORMAL}).
 * Reported: points written per second; hourly avg/min/max/count of one channel over the whole range (30 days of a
 * 10 s channel is 259,200 points) and of every channel at once, median and worst of 10 runs after 3 warm-ups;
 * bytes on disk per point.
 *
 * <pre>java -cp target/benchmarks.jar org.cityhub.benchmarks.history.EmbeddedStoreComparison [channels] [days]</pre>
 */
public final class EmbeddedStoreComparison {

    private static final long STEP_MILLIS = 10_000;
    private static final long HOUR_MILLIS = 3_600_000;
    private static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final int BATCH = 1_000;

    /** A candidate: how to open it, create the table, and find its files. */
    private record Store(String name, String url, String createTable, List<String> settings, String fileGlob) {
    }

    /** What a candidate did. */
    private record Outcome(String store, long points, double pointsPerSecond, double oneChannelMedianMillis,
            double oneChannelWorstMillis, double allChannelsMedianMillis, double allChannelsWorstMillis,
            double bytesPerPoint) {
    }

    private final int channels;
    private final int days;
    private final Path folder = Path.of("target", "history-stores").toAbsolutePath();

    private EmbeddedStoreComparison(int channels, int days) {
        this.channels = channels;
        this.days = days;
    }

    public static void main(String[] args) throws Exception {
        int channels = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        new EmbeddedStoreComparison(channels, days).run();
    }

    private void run() throws Exception {
        delete(folder);
        Files.createDirectories(folder);
        List<Store> stores = List.of(
                new Store("H2 " + org.h2.engine.Constants.VERSION, "jdbc:h2:" + folder.resolve("h2/history"),
                        "CREATE TABLE points (channel INT NOT NULL, t BIGINT NOT NULL, v DOUBLE PRECISION,"
                                + " PRIMARY KEY (channel, t))", List.of(), "h2/"),
                // H2 keeps rows by a hidden row id and the key as a second index: a covering index spares the
                // lookups, at the cost of disk
                new Store("H2 " + org.h2.engine.Constants.VERSION + ", covering index",
                        "jdbc:h2:" + folder.resolve("h2-covering/history"),
                        "CREATE TABLE points (channel INT NOT NULL, t BIGINT NOT NULL, v DOUBLE PRECISION,"
                                + " PRIMARY KEY (channel, t)); CREATE INDEX points_covering ON points (channel, t, v)",
                        List.of(), "h2-covering/"),
                new Store("SQLite " + sqliteVersion(), "jdbc:sqlite:" + folder.resolve("sqlite-history.db"),
                        "CREATE TABLE points (channel INTEGER NOT NULL, t INTEGER NOT NULL, v REAL,"
                                + " PRIMARY KEY (channel, t)) WITHOUT ROWID",
                        List.of("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"), "sqlite-history.db"));
        Files.createDirectories(folder.resolve("h2"));
        Files.createDirectories(folder.resolve("h2-covering"));
        List<Outcome> outcomes = new ArrayList<>();
        for (Store store : stores) {
            outcomes.add(measure(store));
        }
        report(outcomes);
    }

    private Outcome measure(Store store) throws SQLException, IOException {
        long points = (long) channels * days * 24 * 3600 * 1000 / STEP_MILLIS;
        double perSecond;
        try (Connection connection = DriverManager.getConnection(store.url())) {
            try (Statement statement = connection.createStatement()) {
                for (String setting : store.settings()) {
                    statement.execute(setting);
                }
                statement.execute(store.createTable());
            }
            perSecond = ingest(connection, points);
        }
        // queries on a connection opened afresh, as after a restart
        try (Connection connection = DriverManager.getConnection(store.url())) {
            long end = START + days * 24 * HOUR_MILLIS;
            double[] one = time(run -> hourly(connection, "channel = 0", end + run, days * 24));
            double[] all = time(run -> hourly(connection, "channel >= 0", end + run, (long) days * 24 * channels));
            double bytes = diskBytes(store) / (double) points;
            return new Outcome(store.name(), points, perSecond, one[0], one[1], all[0], all[1], bytes);
        }
    }

    private double ingest(Connection connection, long points) throws SQLException {
        connection.setAutoCommit(false);
        long start = System.nanoTime();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO points (channel, t, v) VALUES (?, ?, ?)")) {
            long written = 0;
            for (long t = START; written < points; t += STEP_MILLIS) {
                for (int channel = 0; channel < channels && written < points; channel++, written++) {
                    insert.setInt(1, channel);
                    insert.setLong(2, t);
                    insert.setDouble(3, 20 + 5 * Math.sin((t / HOUR_MILLIS + channel) / 24.0 * Math.PI));
                    insert.addBatch();
                    if ((written + 1) % BATCH == 0) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        connection.setAutoCommit(true);
        return points / ((System.nanoTime() - start) / 1e9);
    }

    /** Hourly aggregates over the whole range; fails unless every expected bucket came back. */
    private static void hourly(Connection connection, String channels, long end, long expectedBuckets)
            throws SQLException {
        String sql = "SELECT channel, t / " + HOUR_MILLIS + " AS bucket, AVG(v), MIN(v), MAX(v), COUNT(*) FROM points"
                + " WHERE " + channels + " AND t >= ? AND t < ? GROUP BY channel, t / " + HOUR_MILLIS
                + " ORDER BY channel, bucket";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, START);
            query.setLong(2, end);
            long buckets = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (rows.getLong(6) != HOUR_MILLIS / STEP_MILLIS) {
                        throw new IllegalStateException("an hour with " + rows.getLong(6) + " points");
                    }
                    buckets++;
                }
            }
            if (buckets != expectedBuckets) {
                throw new IllegalStateException(buckets + " hourly buckets, expected " + expectedBuckets);
            }
        }
    }

    /** A query run; its number shifts the range's end by as many milliseconds, so no result cache can answer it. */
    private interface Query {
        void run(int run) throws SQLException;
    }

    /** Median and worst of 10 runs after 3 warm-ups, in milliseconds. */
    private static double[] time(Query query) throws SQLException {
        for (int i = 0; i < 3; i++) {
            query.run(i);
        }
        double[] millis = new double[10];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            query.run(3 + i);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return new double[] { (millis[4] + millis[5]) / 2, millis[9] };
    }

    private long diskBytes(Store store) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> folder.relativize(file).toString().startsWith(store.fileGlob()))
                    .mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private void report(List<Outcome> outcomes) {
        System.out.printf(Locale.ROOT, "Embedded history stores: %d channels every 10 s for %d days, batches of %,d,"
                + " %d cores%n%n", channels, days, BATCH, Runtime.getRuntime().availableProcessors());
        System.out.println("| store | points | written/s | hourly, 1 channel: median | worst | hourly, all " + channels
                + " channels: median | worst | bytes on disk per point |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Outcome o : outcomes) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f |%n",
                    o.store(), o.points(), o.pointsPerSecond(), o.oneChannelMedianMillis(), o.oneChannelWorstMillis(),
                    o.allChannelsMedianMillis(), o.allChannelsWorstMillis(), o.bytesPerPoint());
        }
    }

    private static String sqliteVersion() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
                ResultSet version = connection.createStatement().executeQuery("SELECT sqlite_version()")) {
            version.next();
            return version.getString(1);
        }
    }

    private static void delete(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> paths = Files.walk(path)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
