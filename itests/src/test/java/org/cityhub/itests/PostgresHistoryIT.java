package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.test.PostgresServer;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.postgresql.ds.PGSimpleDataSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The distribution as shipped, pointed at PostgreSQL by {@code etc/org.cityhub.history.cfg} alone: states are
 * written to the database's tables and answered from them. The server is PostgreSQL from the OS package, started
 * by the test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresHistoryIT extends HubTestSupport {

    private static final String CFG = "etc/org.cityhub.history.cfg";
    private static final String URL = "cityhub.test.postgres.url";
    private static final String STOP = "cityhub.test.postgres.stop";
    private static final String START = "cityhub.test.postgres.start";
    private static final String SEPARATOR = "\u001f";

    @Inject
    private ThingRegistry things;

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] configuration() throws Exception {
        Optional<PostgresServer> started = TestPostgres.start("postgres-history");
        if (started.isEmpty()) {
            return CityHubDistribution.options(); // not installed, outside CI: the test skips
        }
        PostgresServer postgres = started.get();
        return CityHubDistribution.options(
                editConfigurationFilePut(CFG, "store", "postgresql"),
                editConfigurationFilePut(CFG, "postgresql.url", postgres.jdbcUrl()),
                editConfigurationFilePut(CFG, "postgresql.user", PostgresServer.USER),
                editConfigurationFilePut(CFG, "postgresql.password", ""),
                editConfigurationFilePut(CFG, "postgresql.schema", "cityhub"),
                systemProperty(URL).value(postgres.jdbcUrl()),
                systemProperty(STOP).value(String.join(SEPARATOR, postgres.pgCtl("stop", "-m", "fast", "-w"))),
                systemProperty(START).value(String.join(SEPARATOR, postgres.pgCtlStart())));
    }

    @Test
    public void statesAreWrittenToPostgresAndAnsweredFromIt() throws Exception {
        Assume.assumeTrue("PostgreSQL is not installed (apt-get install postgresql)", System.getProperty(URL) != null);
        ThingUID gauge = gauge("pg-gauge");
        for (int level = 1; level <= 50; level++) {
            assertThat(hub.postJson("/ingest/" + gauge, "{\"level\": " + level + "}").status()).isEqualTo(200);
        }
        String history = "/things/" + gauge + "/channels/level/history";
        await("50 points recorded").atMost(PATIENCE).until(() -> hub.get(history).body().path("points").size() == 50);
        JsonNode sum = hub.get(history + "?from=-1d&interval=1d&aggregate=sum").body();
        long total = 0;
        for (JsonNode bucket : sum.get("points")) {
            total += bucket.get("v").asLong();
        }
        assertThat(total).isEqualTo(50 * 51 / 2);

        JsonNode status = hub.get("/history/status").body();
        assertThat(status.get("store").asText()).isEqualTo("postgresql");
        assertThat(status.get("description").asText()).startsWith("PostgreSQL 15");
        assertThat(status.get("recording").asBoolean()).isTrue();
        assertThat(ConsoleSession.execute(sessions, "cityhub:history-status")).contains("PostgreSQL");
        assertThat(rowsInPostgres(gauge + "")).isEqualTo(50);
    }

    @Test
    public void aDatabaseRestartLosesNoPoint() throws Exception {
        Assume.assumeTrue("PostgreSQL is not installed (apt-get install postgresql)", System.getProperty(URL) != null);
        ThingUID gauge = gauge("pg-restart");
        String history = "/things/" + gauge + "/channels/level/history";
        for (int level = 1; level <= 50; level++) {
            hub.postJson("/ingest/" + gauge, "{\"level\": " + level + "}");
        }
        await("written before the restart").atMost(PATIENCE).until(() -> hub.get(history).body().path("points")
                .size() == 50);

        run(STOP);
        for (int level = 51; level <= 150; level++) {
            assertThat(hub.postJson("/ingest/" + gauge, "{\"level\": " + level + "}").status()).isEqualTo(200);
        }
        await("history degraded while the database is away").atMost(PATIENCE).until(() -> hub.get("/health").body()
                .at("/checks/history/degraded").asBoolean());
        assertThat(hub.get("/history/status").body().get("recording").asBoolean()).isFalse();
        assertThat(hub.get(history).status()).isEqualTo(503);

        run(START);
        await("every point written after the restart").atMost(PATIENCE).ignoreExceptions()
                .until(() -> hub.get(history).body().path("points").size() == 150);
        List<Integer> levels = new ArrayList<>();
        hub.get(history).body().get("points").forEach(point -> levels.add(point.get("v").asInt()));
        assertThat(levels).isEqualTo(IntStream.rangeClosed(1, 150).boxed().toList());
        JsonNode status = hub.get("/history/status").body();
        assertThat(status.get("recording").asBoolean()).isTrue();
        assertThat(status.get("dropped").asLong()).isZero();
    }

    /** A pushed gauge of the water department with a level in cm. */
    private ThingUID gauge(String id) {
        ThingUID gauge = ThingUID.parse("http:push:" + id);
        assertThat(hub.postJson("/things", "{\"uid\": \"" + gauge + "\", \"label\": \"Gauge\", \"department\":"
                + " \"water\", \"configuration\": {\"channels\": [{\"id\": \"level\", \"itemType\": \"number\","
                + " \"unit\": \"cm\", \"transform\": \"jsonpath:$.level\"}]}}").status()).isEqualTo(201);
        await("gauge online").atMost(PATIENCE).until(() -> things.getStatus(gauge).status() == ThingStatus.ONLINE);
        return gauge;
    }

    /** Runs a pg_ctl command the test's configuration handed over. */
    private static void run(String property) throws Exception {
        Process process = new ProcessBuilder(System.getProperty(property).split(SEPARATOR)).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    /** The gauge's points as PostgreSQL has them, read with the driver the hub uses. */
    private static long rowsInPostgres(String thing) throws Exception {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(System.getProperty(URL));
        source.setUser(PostgresServer.USER);
        try (Connection connection = source.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM cityhub.points p JOIN cityhub.series s ON s.id = p.series WHERE s.thing = ?")) {
            query.setString(1, thing);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
