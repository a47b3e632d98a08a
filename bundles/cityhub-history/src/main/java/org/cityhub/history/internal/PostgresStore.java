package org.cityhub.history.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.persistence.HistoricState;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * History on PostgreSQL, for a city: the same narrow table as the embedded store, partitioned by month of the
 * point's time (old months are dropped whole, queries of a range read only its months), the primary key
 * (series, t) serving every range, batched inserts in one transaction per batch through a HikariCP pool. The
 * schema is created and migrated at the first connection, under an advisory lock so that hubs sharing the
 * database never migrate at once; the pool starts even while the database is away, and the recorder retries.
 */
public final class PostgresStore extends JdbcStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);
    private static final int SCHEMA_VERSION = 2;
    /** Any number that no other program's advisory lock is likely to take: "cityhub" in ASCII. */
    private static final long MIGRATION_LOCK = 0x63697479687562L;

    /** Where and how to connect. */
    public record Settings(String url, String user, String password, String schema, int poolSize, ZoneOffset zone) {

        public Settings {
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("postgresql.url must be a PostgreSQL JDBC URL,"
                        + " jdbc:postgresql://host:port/database, was '" + url + "'");
            }
            if (!schema.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("postgresql.schema must be a lower-case SQL name, was '" + schema
                        + "'");
            }
            if (poolSize < 1) {
                throw new IllegalArgumentException("postgresql.poolSize must be at least 1, was " + poolSize);
            }
        }

        /** The URL without anything after the database name, for messages. */
        String where() {
            int query = url.indexOf('?');
            return (query < 0 ? url : url.substring(0, query)) + " (schema " + schema + ")";
        }
    }

    private final Settings settings;
    private final HikariDataSource pool;
    private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();
    private volatile boolean migrated;

    public PostgresStore(Settings settings, Clock clock) {
        super(clock, "least", settings.zone());
        this.settings = settings;
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(settings.url());
        source.setUser(settings.user());
        source.setPassword(settings.password());
        source.setReWriteBatchedInserts(true);
        source.setApplicationName("cityhub-history");
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("cityhub-history");
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1); // start while the database is away; writes wait and retry
        config.setConnectionInitSql("SET search_path TO " + settings.schema());
        this.pool = new HikariDataSource(config);
    }

    @Override
    String where() {
        return settings.where();
    }

    @Override
    Connection writeConnection() throws SQLException {
        return ready(pool.getConnection());
    }

    @Override
    Connection readConnection() throws SQLException {
        return ready(pool.getConnection());
    }

    @Override
    void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("History store {}: returning a connection failed: {}", where(), e.getMessage());
        }
    }

    /** The connection, once the schema is there: created or migrated at the first connection. */
    private Connection ready(Connection connection) throws SQLException {
        if (!migrated) {
            try {
                migrate(connection);
            } catch (SQLException e) {
                release(connection);
                throw e;
            }
        }
        return connection;
    }

    private synchronized void migrate(Connection connection) throws SQLException {
        if (migrated) {
            return;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + settings.schema());
            statement.execute("CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value bigint NOT NULL)");
            int found = 0;
            try (ResultSet version = statement.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
                if (version.next()) {
                    found = (int) version.getLong(1);
                }
            }
            if (found > SCHEMA_VERSION) {
                throw new SQLException("the history schema " + where() + " has version " + found + ", newer than this"
                        + " hub's " + SCHEMA_VERSION + "; it was written by a newer CityHub");
            }
            if (found < 1) {
                statement.execute("CREATE TABLE series (id bigserial PRIMARY KEY, thing text NOT NULL,"
                        + " channel text NOT NULL, UNIQUE (thing, channel))");
                statement.execute("CREATE TABLE points (series bigint NOT NULL, t bigint NOT NULL, k smallint NOT NULL,"
                        + " v double precision, s text, PRIMARY KEY (series, t)) PARTITION BY RANGE (t)");
                // a point of a month without its partition (a clock far off) still has a place
                statement.execute("CREATE TABLE points_default PARTITION OF points DEFAULT");
                LOG.info("History store {}: schema created", where());
            }
            if (found < 2) {
                statement.execute("CREATE TABLE summaries (series bigint NOT NULL, step bigint NOT NULL, t bigint NOT NULL,"
                        + " n bigint NOT NULL, nn bigint NOT NULL, total double precision, lo double precision,"
                        + " hi double precision, u text, ft bigint NOT NULL, fk smallint NOT NULL, fv double precision,"
                        + " fs text, lt bigint NOT NULL, lk smallint NOT NULL, lv double precision, ls text,"
                        + " PRIMARY KEY (series, step, t))");
                statement.execute("CREATE TABLE late (t bigint PRIMARY KEY)");
            }
            if (found < SCHEMA_VERSION) {
                statement.execute("INSERT INTO meta (key, value) VALUES ('schema', " + SCHEMA_VERSION + ")"
                        + " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        load(connection);
        migrated = true;
    }

    /** Creates the month partitions the batch needs; one that cannot be made leaves its points to the default. */
    @Override
    void beforeInsert(Connection connection, List<HistoricState> states) throws SQLException {
        Set<YearMonth> months = new TreeSet<>();
        for (HistoricState state : states) {
            YearMonth month = YearMonth.from(state.time().atZone(ZoneOffset.UTC));
            if (!partitions.contains(month)) {
                months.add(month);
            }
        }
        for (YearMonth month : months) {
            long from = PointCodec.micros(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            long to = PointCodec.micros(month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            Savepoint before = connection.setSavepoint();
            try (Statement statement = connection.createStatement()) {
                statement.execute(String.format("CREATE TABLE IF NOT EXISTS points_y%04dm%02d PARTITION OF points"
                        + " FOR VALUES FROM (%d) TO (%d)", month.getYear(), month.getMonthValue(), from, to));
                connection.releaseSavepoint(before);
            } catch (SQLException e) {
                connection.rollback(before);
                LOG.warn("History store {}: no partition for {} ({}); its points go to points_default", where(), month,
                        e.getMessage());
            }
            partitions.add(month);
        }
    }

    @Override
    long bytes(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = current_schema() AND c.relkind = 'r'")) {
            return row.next() ? row.getLong(1) : -1;
        }
    }

    @Override
    String description(Connection connection) throws SQLException {
        return "PostgreSQL " + connection.getMetaData().getDatabaseProductVersion() + " at " + where();
    }


    @Override
    public void close() {
        pool.close();
    }

}
