package org.cityhub.history.internal;

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
import org.cityhub.api.types.State;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A history store on a SQL database, in SQL that SQLite and PostgreSQL both run: a {@code series} table naming
 * each channel and a narrow {@code points} table keyed by (series, time in µs), a point's state as
 * {@link PointCodec} keeps it, and the recorder's checkpoint in {@code meta}. A subclass opens connections and
 * creates the tables in its database's way.
 */
abstract class JdbcStore implements PersistenceService, AutoCloseable {

    private static final NamedSql POINTS = NamedSql.of("SELECT t, k, v, s FROM points WHERE series = :series"
            + " AND t >= :start AND t < :end ORDER BY t LIMIT :limit");

    private final Clock clock;
    private final String least;
    private final Map<ChannelUID, Long> series = new ConcurrentHashMap<>();
    private final Object writing = new Object();

    /** @param least the database's two-argument minimum function */
    JdbcStore(Clock clock, String least) {
        this.clock = clock;
        this.least = least;
    }

    /** Where the store is, for messages: a file, a database URL without credentials. */
    abstract String where();

    /** A connection to write one batch with; handed back to {@link #release}. */
    abstract Connection writeConnection() throws SQLException, PersistenceException;

    /** A connection for one query; handed back to {@link #release}. */
    abstract Connection readConnection() throws SQLException, PersistenceException;

    abstract void release(Connection connection);

    /** The disk the store uses, or -1 if it cannot tell. */
    abstract long bytes(Connection connection) throws SQLException;

    /** What the store is, e.g. {@code SQLite 3.53.4 at …}. */
    abstract String description(Connection connection) throws SQLException;

    /** Closes the store's connections; it is not used afterwards. */
    @Override
    public abstract void close();

    /** Called in the write transaction before a batch is inserted, e.g. to create the partitions it needs. */
    void beforeInsert(Connection connection, List<HistoricState> states) throws SQLException {
        // most databases need nothing
    }

    /** Reads the series of an existing store; call once its tables exist. */
    final void loadSeries(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, thing, channel FROM series")) {
            while (rows.next()) {
                series.put(new ChannelUID(ThingUID.parse(rows.getString(2)), rows.getString(3)), rows.getLong(1));
            }
        }
    }

    final int seriesCount() {
        return series.size();
    }

    @Override
    public void store(List<HistoricState> states, long checkpoint) throws PersistenceException {
        synchronized (writing) {
            Map<ChannelUID, Long> added = new HashMap<>();
            Connection connection = null;
            try {
                connection = writeConnection();
                connection.setAutoCommit(false);
                beforeInsert(connection, states);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO points (series, t, k, v, s)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    for (HistoricState state : states) {
                        PointCodec.Stored stored = PointCodec.encode(state.state());
                        insert.setLong(1, seriesId(connection, state.channel(), added));
                        insert.setLong(2, PointCodec.micros(state.time()));
                        insert.setInt(3, stored.type());
                        setNullable(insert, 4, stored.number());
                        insert.setString(5, stored.text());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                try (PreparedStatement meta = connection.prepareStatement("INSERT INTO meta (key, value) VALUES"
                        + " ('checkpoint', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
                    meta.setLong(1, checkpoint);
                    meta.executeUpdate();
                }
                connection.commit();
                series.putAll(added);
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw new PersistenceException("writing " + states.size() + " points to " + where() + " failed: "
                        + e.getMessage(), e);
            } finally {
                if (connection != null) {
                    release(connection);
                }
            }
        }
    }

    private long seriesId(Connection connection, ChannelUID channel, Map<ChannelUID, Long> added)
            throws SQLException {
        Long id = series.get(channel);
        if (id == null) {
            id = added.get(channel);
        }
        if (id != null) {
            return id;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO series (thing, channel)"
                + " VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
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
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static void rollback(@Nullable Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is broken; the batch was not committed, which is all that matters
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
        List<HistoricState> points = read("reading points of " + channel, connection -> {
            try (PreparedStatement query = connection.prepareStatement(POINTS.sql())) {
                POINTS.bind(query, Map.of("series", id, "start", start, "end", PointCodec.micros(to),
                        "limit", (long) limit + 1));
                List<HistoricState> read = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        read.add(new HistoricState(channel, PointCodec.instant(rows.getLong(1)), state(rows, 2)));
                    }
                }
                return read;
            }
        });
        if (points.size() <= limit) {
            return new HistoryPage(points, null);
        }
        List<HistoricState> page = points.subList(0, limit);
        return new HistoryPage(page, page.get(limit - 1).time());
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
        long last = Math.max(start, Math.min(end, PointCodec.micros(clock.instant())));
        NamedSql sql = AggregateSql.of(aggregate, least);
        return read("aggregating points of " + channel, connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql.sql())) {
                sql.bind(query, Map.of("series", id, "start", start, "step", step, "end", end, "last", last));
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
        return read("describing the store", connection -> {
            Instant oldest = null;
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT min((SELECT min(t) FROM points"
                            + " WHERE series = s.id)) FROM series s")) {
                if (row.next()) {
                    long value = row.getLong(1);
                    oldest = row.wasNull() ? null : PointCodec.instant(value);
                }
            }
            return new StoreInfo(description(connection), oldest, bytes(connection));
        });
    }

    /** The state of a row whose type, number and text are at {@code first}, {@code first + 1} and {@code first + 2}. */
    static State state(ResultSet row, int first) throws SQLException {
        int type = row.getInt(first);
        double number = row.getDouble(first + 1);
        Double value = row.wasNull() ? null : number;
        return PointCodec.decode(type, value, row.getString(first + 2));
    }

    /** One read on a connection of the store. */
    @FunctionalInterface
    interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    final <T> T read(String what, Read<T> read) throws PersistenceException {
        Connection connection;
        try {
            connection = readConnection();
        } catch (SQLException e) {
            throw new PersistenceException(what + " from " + where() + " failed: " + e.getMessage(), e);
        }
        try {
            return read.apply(connection);
        } catch (SQLException | RuntimeException e) {
            throw new PersistenceException(what + " from " + where() + " failed: " + e.getMessage(), e);
        } finally {
            release(connection);
        }
    }
}
