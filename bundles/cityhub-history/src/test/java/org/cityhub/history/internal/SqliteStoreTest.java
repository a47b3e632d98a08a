package org.cityhub.history.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store against a real SQLite file. */
class SqliteStoreTest extends StoreContract {

    @TempDir
    Path folder;

    @Override
    JdbcStore create() throws Exception {
        return new SqliteStore(folder.resolve("history.db"), CLOCK, ZONE);
    }

    @Override
    void refuseThirteen() throws Exception {
        try (Connection sabotage = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("history.db"));
                Statement statement = sabotage.createStatement()) {
            statement.executeUpdate("CREATE TRIGGER refuse BEFORE INSERT ON points WHEN NEW.v = 13"
                    + " BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
        }
    }

    @Test
    void aFileOfANewerHubIsRefusedUnchanged() throws Exception {
        Path file = folder.resolve("history.db");
        try (Connection newer = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = newer.createStatement()) {
            statement.executeUpdate("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> new SqliteStore(file, Clock.systemUTC(), ZoneOffset.UTC))
                .hasMessageContaining("schema version 99");
    }
}
