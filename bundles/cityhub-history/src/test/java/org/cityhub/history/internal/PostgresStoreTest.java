package org.cityhub.history.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.persistence.PersistenceException;
import org.cityhub.api.types.NumberValue;
import org.cityhub.test.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL store against a real PostgreSQL server (the OS package), each test in a schema of its own. */
class PostgresStoreTest extends StoreContract {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @TempDir
    static Path folder;

    private static PostgresServer server;
    private String schema;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start(folder);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newSchema() {
        schema = "test_" + SCHEMAS.incrementAndGet();
    }

    @Override
    JdbcStore create() throws Exception {
        PostgresStore store = new PostgresStore(new PostgresStore.Settings(server.jdbcUrl(), PostgresServer.USER, "",
                schema, 2, ZONE), CLOCK);
        store.checkpoint(); // the schema is made at the first connection
        return store;
    }

    @Override
    void refuseThirteen() throws Exception {
        execute("CREATE FUNCTION " + schema + ".refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.v = 13 THEN RAISE EXCEPTION 'disk says no'; END IF; RETURN NEW; END $$",
                "CREATE TRIGGER refuse BEFORE INSERT ON " + schema + ".points FOR EACH ROW EXECUTE FUNCTION "
                        + schema + ".refuse()");
    }

    @Test
    void pointsOfEachMonthGoToThatMonthsPartition() throws Exception {
        JdbcStore store = open();
        Instant november = Instant.parse("2026-11-30T23:59:59Z");
        store.store(List.of(new HistoricState(LEVEL, november, NumberValue.of(1)),
                new HistoricState(LEVEL, november.plusSeconds(2), NumberValue.of(2))), 1);
        assertThat(store.points(LEVEL, november, november.plusSeconds(10), null, 10).points()).hasSize(2);
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT c.relname, (SELECT count(*) FROM " + schema
                        + ".points_y2026m11) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = '" + schema + ".points'::regclass ORDER BY 1")) {
            List<String> partitions = new java.util.ArrayList<>();
            long inNovember = 0;
            while (rows.next()) {
                partitions.add(rows.getString(1));
                inNovember = rows.getLong(2);
            }
            assertThat(partitions).containsExactly("points_default", "points_y2026m11", "points_y2026m12");
            assertThat(inNovember).isEqualTo(1);
        }
    }

    @Test
    void whileTheDatabaseIsAwayPointsWaitAndAreWrittenWhenItIsBack() throws Exception {
        JdbcStore store = open();
        PointWriter writer = new PointWriter(10_000, null, 100, () -> Optional.of(store), () -> "no store");
        try {
            for (int i = 0; i < 500; i++) {
                writer.offer(point(i), i + 1);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.written() == 500);
            server.stop();
            for (int i = 500; i < 1_000; i++) {
                writer.offer(point(i), i + 1);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.failures() > 0);
            assertThat(writer.problem()).contains("writing");
            assertThat(writer.written()).isEqualTo(500);
            server.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> writer.written() == 1_000);
        } finally {
            writer.close(Duration.ofSeconds(10));
        }
        List<HistoricState> read = store.points(LEVEL, T0, T0.plusSeconds(2_000), null, 2_000).points();
        assertThat(read).extracting(p -> ((NumberValue) p.state()).value().intValue())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 1_000).boxed().toList());
        assertThat(store.checkpoint()).isEqualTo(1_000);
    }

    @Test
    void aSchemaOfANewerHubIsRefusedUnchanged() throws Exception {
        execute("CREATE SCHEMA " + schema, "CREATE TABLE " + schema + ".meta (key text PRIMARY KEY, value bigint)",
                "INSERT INTO " + schema + ".meta VALUES ('schema', 99)");
        assertThatThrownBy(this::create).isInstanceOf(PersistenceException.class).hasMessageContaining("version 99");
    }

    private static HistoricState point(int i) {
        return new HistoricState(LEVEL, T0.plusSeconds(i), new NumberValue(BigDecimal.valueOf(i), null));
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(server.jdbcUrl(), PostgresServer.USER, "");
    }

    private static void execute(String... statements) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
