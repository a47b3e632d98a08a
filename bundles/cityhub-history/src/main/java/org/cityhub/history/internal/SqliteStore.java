package org.cityhub.history.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.cityhub.api.persistence.Aggregate;
import org.cityhub.api.persistence.Bucket;
import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.persistence.HistoryPage;
import org.cityhub.api.persistence.PersistenceException;
import org.cityhub.api.persistence.PersistenceService;
import org.cityhub.api.persistence.StoreInfo;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded history store: one SQLite file under {@code state/history/}, chosen by measurement
 * ({@code docs/history.md}). Points live in one narrow table clustered on (series, time), so that a channel's
 * range is one sequential read; aggregates are computed by SQLite. The write-ahead log with
 * {@code synchronous=NORMAL} keeps every committed batch across a crash of the hub's process.
 */
@Component(service = PersistenceService.class, configurationPid = "org.cityhub.history",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = PersistenceService.STORE_PROPERTY + "=sqlite")
public final class SqliteStore implements PersistenceService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    private static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final Clock clock;
    private final Connection writer; // guarded by itself
    private final ReaderPool readers;
    private final Map<ChannelUID, Long> series = new ConcurrentHashMap<>();
    private final String version;

    @Activate
    public SqliteStore(Map<String, Object> config) throws SQLException, IOException {
        this(file(config), Clock.systemUTC());
    }

    SqliteStore(Path file, Clock clock) throws SQLException, IOException {
        this.file = file;
        this.clock = clock;
        Files.createDirectories(file.toAbsolutePath().getParent());
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        this.writer = source.getConnection();
        try {
            migrate();
            loadSeries();
            this.version = writer.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            writer.close();
            throw e;
        }
        this.readers = new ReaderPool(source::getConnection, 4);
        LOG.info("History store: SQLite {} at {}, {} channels", version, file, series.size());
    }

    private static Path file(Map<String, Object> config) {
        Object configured = config.get("sqliteFile");
        if (configured != null && !configured.toString().isBlank()) {
            return Path.of(configured.toString());
        }
        return Path.of(System.getProperty("karaf.base", "."), "state", "history", "history.db");
    }

    /** Brings the schema to this version, one step at a time; a file of a newer hub is refused, not changed. */
    private void migrate() throws SQLException {
        try (Statement statement = writer.createStatement()) {
            int found;
            try (ResultSet version = statement.executeQuery("PRAGMA user_version")) {
                found = version.next() ? version.getInt(1) : 0;
            }
            if (found > SCHEMA_VERSION) {
                throw new SQLException("the history file " + file + " has schema version " + found
                        + ", newer than this hub's " + SCHEMA_VERSION + "; it was written by a newer CityHub");
            }
            if (found < 1) {
                statement.executeUpdate("CREATE TABLE series (id INTEGER PRIMARY KEY, thing TEXT NOT NULL,"
                        + " channel TEXT NOT NULL, UNIQUE (thing, channel))");
                statement.executeUpdate("CREATE TABLE points (series INTEGER NOT NULL, t INTEGER NOT NULL,"
                        + " k INTEGER NOT NULL, v REAL, s TEXT, PRIMARY KEY (series, t)) WITHOUT ROWID");
                statement.executeUpdate("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
                statement.executeUpdate("PRAGMA user_version = 1");
            }
        }
    }

    private void loadSeries() throws SQLException {
        try (Statement statement = writer.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, thing, channel FROM series")) {
            while (rows.next()) {
                series.put(new ChannelUID(ThingUID.parse(rows.getString(2)), rows.getString(3)), rows.getLong(1));
            }
        }
    }

    @Deactivate
    @Override
    public void close() {
        readers.close();
        synchronized (writer) {
            try {
                writer.close();
            } catch (SQLException e) {
                LOG.warn("History store {}: closing failed: {}", file, e.getMessage());
            }
        }
    }

    @Override
    public void store(List<HistoricState> states, long checkpoint) throws PersistenceException {
        synchronized (writer) {
            Map<ChannelUID, Long> added = new HashMap<>();
            try {
                writer.setAutoCommit(false);
                try (PreparedStatement insert = writer.prepareStatement(
                        "INSERT OR IGNORE INTO points (series, t, k, v, s) VALUES (?, ?, ?, ?, ?)")) {
                    for (HistoricState state : states) {
                        PointCodec.Stored stored = PointCodec.encode(state.state());
                        insert.setLong(1, seriesId(state.channel(), added));
                        insert.setLong(2, PointCodec.micros(state.time()));
                        insert.setInt(3, stored.type());
                        setNullable(insert, 4, stored.number());
                        insert.setString(5, stored.text());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                try (PreparedStatement meta = writer.prepareStatement("INSERT INTO meta (key, value) VALUES"
                        + " ('checkpoint', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
                    meta.setLong(1, checkpoint);
                    meta.executeUpdate();
                }
                writer.commit();
                series.putAll(added);
            } catch (SQLException | RuntimeException e) {
                rollback();
                throw new PersistenceException("writing " + states.size() + " points to " + file + " failed: "
                        + e.getMessage(), e);
            }
        }
    }

    private long seriesId(ChannelUID channel, Map<ChannelUID, Long> added) throws SQLException {
        Long id = series.get(channel);
        if (id == null) {
            id = added.get(channel);
        }
        if (id != null) {
            return id;
        }
        try (PreparedStatement insert = writer.prepareStatement("INSERT INTO series (thing, channel) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, channel.thingUID().toString());
            insert.setString(2, channel.channelId());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                long created = keys.getLong(1);
                added.put(channel, created);
                return created;
            }
        }
    }

    private static void setNullable(PreparedStatement statement, int index, @Nullable Double value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.REAL);
        } else {
            statement.setDouble(index, value);
        }
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            LOG.debug("History store {}: rollback failed: {}", file, e.getMessage());
        }
    }

    @Override
    public long checkpoint() throws PersistenceException {
        return read("reading the checkpoint", connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT value FROM meta WHERE key = 'checkpoint'")) {
                return row.next() ? row.getLong(1) : -1L;
            }
        });
    }

    @Override
    public HistoryPage points(ChannelUID channel, Instant from, Instant to, @Nullable Instant after, int limit)
            throws PersistenceException {
        Long id = series.get(channel);
        if (id == null) {
            return new HistoryPage(List.of(), null);
        }
        long start = after == null ? PointCodec.micros(from) : Math.max(PointCodec.micros(from),
                PointCodec.micros(after) + 1);
        return read("reading points of " + channel, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT t, k, v, s FROM points"
                    + " WHERE series = ? AND t >= ? AND t < ? ORDER BY t LIMIT ?")) {
                query.setLong(1, id);
                query.setLong(2, start);
                query.setLong(3, PointCodec.micros(to));
                query.setInt(4, limit + 1);
                List<HistoricState> points = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        points.add(new HistoricState(channel, PointCodec.instant(rows.getLong(1)), state(rows, 2)));
                    }
                }
                if (points.size() <= limit) {
                    return new HistoryPage(points, null);
                }
                List<HistoricState> page = points.subList(0, limit);
                return new HistoryPage(page, page.get(limit - 1).time());
            }
        });
    }

    @Override
    public List<Bucket> aggregate(ChannelUID channel, Instant from, Instant to, Duration interval, Aggregate aggregate)
            throws PersistenceException {
        Long id = series.get(channel);
        if (id == null) {
            return List.of();
        }
        long start = PointCodec.micros(from);
        long step = Math.max(1, PointCodec.micros(Instant.EPOCH.plus(interval)));
        long end = PointCodec.micros(to);
        long now = Math.min(end, PointCodec.micros(clock.instant()));
        return read("aggregating points of " + channel, connection -> {
            try (PreparedStatement query = connection.prepareStatement(AggregateSql.of(aggregate))) {
                query.setLong(1, start);
                query.setLong(2, step);
                query.setLong(3, id);
                query.setLong(4, end);
                if (aggregate == Aggregate.TWA) {
                    query.setLong(5, Math.max(now, start));
                }
                List<Bucket> buckets = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        buckets.add(AggregateSql.bucket(rows, aggregate, start, step));
                    }
                }
                return buckets;
            }
        });
    }

    @Override
    public void latest(Consumer<HistoricState> each) throws PersistenceException {
        read("reading the latest states", connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT s.thing, s.channel, p.t, p.k, p.v, p.s"
                            + " FROM series s JOIN points p ON p.series = s.id"
                            + " AND p.t = (SELECT max(t) FROM points WHERE series = s.id)")) {
                while (rows.next()) {
                    ChannelUID channel = new ChannelUID(ThingUID.parse(rows.getString(1)), rows.getString(2));
                    each.accept(new HistoricState(channel, PointCodec.instant(rows.getLong(3)), state(rows, 4)));
                }
            }
            return null;
        });
    }

    @Override
    public StoreInfo info() throws PersistenceException {
        Long oldest = read("reading the oldest point", connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT min((SELECT min(t) FROM points"
                            + " WHERE series = s.id)) FROM series s")) {
                long value = row.next() ? row.getLong(1) : 0;
                return row.wasNull() ? null : value;
            }
        });
        long bytes = size(file) + size(Path.of(file + "-wal"));
        return new StoreInfo("SQLite " + version + " at " + file, oldest == null ? null : PointCodec.instant(oldest),
                bytes);
    }

    private static long size(Path path) {
        try {
            return Files.exists(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The state of a row whose type, number and text are at {@code first}, {@code first + 1} and {@code first + 2}. */
    static org.cityhub.api.types.State state(ResultSet row, int first) throws SQLException {
        int type = row.getInt(first);
        double number = row.getDouble(first + 1);
        Double value = row.wasNull() ? null : number;
        return PointCodec.decode(type, value, row.getString(first + 2));
    }

    /** One read on a pooled connection. */
    @FunctionalInterface
    private interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T read(String what, Read<T> read) throws PersistenceException {
        Connection connection = readers.borrow();
        try {
            return read.apply(connection);
        } catch (SQLException | RuntimeException e) {
            throw new PersistenceException(what + " from " + file + " failed: " + e.getMessage(), e);
        } finally {
            readers.release(connection);
        }
    }
}
