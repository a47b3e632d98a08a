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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.cityhub.api.persistence.Aggregate;
import org.cityhub.api.persistence.Bucket;
import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.persistence.HistoryPage;
import org.cityhub.api.persistence.PersistenceException;
import org.cityhub.api.persistence.PersistenceService;
import org.cityhub.api.persistence.Resolution;
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

    static final long HOUR = 3_600_000_000L;
    static final long DAY = 24 * HOUR;

    private final Clock clock;
    private final String least;
    private final long offset;
    private final Map<ChannelUID, Long> series = new ConcurrentHashMap<>();
    private final Object writing = new Object();
    /** Up to when points are summarised per hour, and hours per day (µs, aligned), or -1. */
    private volatile long summarised = -1;
    private volatile long summarisedDays = -1;

    /**
     * @param least the database's two-argument minimum function
     * @param zone the hub's time zone, which days and intervals are aligned to
     */
    JdbcStore(Clock clock, String least, ZoneOffset zone) {
        this.clock = clock;
        this.least = least;
        this.offset = zone.getTotalSeconds() * 1_000_000L;
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

    /** Reads the series and how far summaries go of an existing store; call once its tables exist. */
    final void load(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, thing, channel FROM series")) {
            while (rows.next()) {
                series.put(new ChannelUID(ThingUID.parse(rows.getString(2)), rows.getString(3)),
                        rows.getLong(1));
            }
        }
        summarised = meta(connection, "summarised");
        summarisedDays = meta(connection, "summarised_days");
    }

    static long meta(Connection connection, String key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            query.setString(1, key);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : -1L;
            }
        }
    }

    static void setMeta(Connection connection, String key, long value) throws SQLException {
        try (PreparedStatement meta = connection.prepareStatement("INSERT INTO meta (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            meta.setString(1, key);
            meta.setLong(2, value);
            meta.executeUpdate();
        }
    }

    final int seriesCount() {
        return series.size();
    }

    @Override
    public void store(List<HistoricState> states, long checkpoint) throws PersistenceException {
        Map<ChannelUID, Long> added = new HashMap<>();
        write("writing " + states.size() + " points", connection -> {
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
            markLate(connection, states);
            setMeta(connection, "checkpoint", checkpoint);
            return null;
        });
        series.putAll(added);
    }

    /** Hours already summarised that get points now are summarised again at the next run. */
    private void markLate(Connection connection, List<HistoricState> states) throws SQLException {
        long watermark = summarised;
        if (watermark < 0) {
            return;
        }
        Set<Long> hours = new TreeSet<>();
        for (HistoricState state : states) {
            long t = PointCodec.micros(state.time());
            if (t < watermark) {
                hours.add(Math.floorDiv(t + offset, HOUR) * HOUR - offset);
            }
        }
        if (!hours.isEmpty()) {
            try (PreparedStatement late = connection.prepareStatement("INSERT INTO late (t) VALUES (?)"
                    + " ON CONFLICT DO NOTHING")) {
                for (long hour : hours) {
                    late.setLong(1, hour);
                    late.addBatch();
                }
                late.executeBatch();
            }
        }
    }

    /** One write in one transaction, one at a time: all of it is stored, or (it throws) none. */
    final <T> T write(String what, Read<T> write) throws PersistenceException {
        synchronized (writing) {
            Connection connection = null;
            try {
                connection = writeConnection();
                connection.setAutoCommit(false);
                T result = write.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw new PersistenceException(what + " to " + where() + " failed: " + e.getMessage(), e);
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
        return read("reading the checkpoint", connection -> meta(connection, "checkpoint"));
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
        return id == null ? List.of() : new Aggregation(this, channel, id, offset).buckets(from, to, interval,
                aggregate);
    }

    /** The database's two-argument minimum, for the SQL of the time-weighted average. */
    String least() {
        return least;
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public List<ChannelUID> channels() {
        return List.copyOf(series.keySet());
    }

    @Override
    public long summarise(Instant until) throws PersistenceException {
        return new Summariser(this, offset).summarise(PointCodec.micros(until));
    }

    @Override
    public long delete(Resolution resolution, Instant before, Collection<ChannelUID> channels)
            throws PersistenceException {
        List<Long> ids = channels.stream().map(series::get).filter(java.util.Objects::nonNull).toList();
        return new Summariser(this, offset).delete(resolution, PointCodec.micros(before), ids);
    }

    long summarised() {
        return summarised;
    }

    long summarisedDays() {
        return summarisedDays;
    }

    void summarised(long hours, long days) {
        summarised = hours;
        summarisedDays = days;
    }

    @Override
    public void latest(Consumer<HistoricState> each) throws PersistenceException {
        read("reading the latest states", connection -> {
            try (Statement statement = connection.createStatement();
                    // each series' latest time first (a seek each), then its point by primary key
                    ResultSet rows = statement.executeQuery("SELECT s.thing, s.channel, p.t, p.k, p.v, p.s"
                            + " FROM (SELECT id, thing, channel, (SELECT max(t) FROM points WHERE series = series.id)"
                            + " AS latest FROM series) s JOIN points p ON p.series = s.id AND p.t = s.latest")) {
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
            long until = summarised;
            return new StoreInfo(description(connection), oldest, bytes(connection),
                    until < 0 ? null : PointCodec.instant(until));
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
