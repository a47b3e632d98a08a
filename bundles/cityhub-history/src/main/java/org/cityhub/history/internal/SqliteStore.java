package org.cityhub.history.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

import org.cityhub.api.persistence.PersistenceException;
import org.cityhub.api.persistence.PersistenceService;
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
 * ({@code docs/history.md}). Points live in a {@code WITHOUT ROWID} table clustered on (series, time), so that a
 * channel's range is one sequential read. The write-ahead log with {@code synchronous=NORMAL} keeps every
 * committed batch across a crash of the hub's process; readers read beside the one writer.
 */
@Component(service = PersistenceService.class, configurationPid = "org.cityhub.history",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = PersistenceService.STORE_PROPERTY + "=sqlite")
public final class SqliteStore extends JdbcStore {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    private static final int SCHEMA_VERSION = 2;

    private final Path file;
    private final Connection writer;
    private final ReaderPool readers;

    @Activate
    public SqliteStore(Map<String, Object> config) throws SQLException, IOException {
        this(file(config), Clock.systemUTC(), TimeZones.offset(config));
    }

    SqliteStore(Path file, Clock clock, ZoneOffset zone) throws SQLException, IOException {
        super(clock, "min", zone);
        this.file = file;
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
            load(writer);
        } catch (SQLException e) {
            writer.close();
            throw e;
        }
        this.readers = new ReaderPool(source::getConnection, 4);
        LOG.info("History store: SQLite {} at {}, {} channels", writer.getMetaData().getDatabaseProductVersion(), file,
                seriesCount());
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
            if (found < 2) {
                statement.executeUpdate("CREATE TABLE summaries (series INTEGER NOT NULL, step INTEGER NOT NULL,"
                        + " t INTEGER NOT NULL, n INTEGER NOT NULL, nn INTEGER NOT NULL, total REAL, lo REAL, hi REAL,"
                        + " u TEXT, ft INTEGER NOT NULL, fk INTEGER NOT NULL, fv REAL, fs TEXT, lt INTEGER NOT NULL,"
                        + " lk INTEGER NOT NULL, lv REAL, ls TEXT, PRIMARY KEY (series, step, t)) WITHOUT ROWID");
                statement.executeUpdate("CREATE TABLE late (t INTEGER PRIMARY KEY)");
                statement.executeUpdate("PRAGMA user_version = 2");
            }
        }
    }

    @Override
    String where() {
        return file.toString();
    }

    @Override
    Connection writeConnection() {
        return writer; // SQLite has one writer; JdbcStore writes one batch at a time
    }

    @Override
    Connection readConnection() throws PersistenceException {
        return readers.borrow();
    }

    @Override
    void release(Connection connection) {
        if (connection != writer) {
            readers.release(connection);
        }
    }

    @Override
    long bytes(Connection connection) {
        return size(file) + size(Path.of(file + "-wal"));
    }

    @Override
    String description(Connection connection) throws SQLException {
        return "SQLite " + connection.getMetaData().getDatabaseProductVersion() + " at " + file;
    }

    private static long size(Path path) {
        try {
            return Files.exists(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Deactivate
    @Override
    public void close() {
        readers.close();
        try {
            writer.close();
        } catch (SQLException e) {
            LOG.warn("History store {}: closing failed: {}", file, e.getMessage());
        }
    }
}
