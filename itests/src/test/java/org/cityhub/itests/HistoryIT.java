package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingUID;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * History in the distribution as shipped: states pushed by a department's system are recorded with nothing
 * installed or configured, and answered raw (paged), aggregated and as CSV, scoped by department; strategies
 * change without a restart; an update of the history bundle under load loses no point.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HistoryIT extends HubTestSupport {

    private static final String DOCS = "cityhub.test.history.docs";
    /** A documented request: optionally CSV, and its path below /api. */
    private static final Pattern CURL = Pattern.compile("curl -H \"Authorization: Bearer \\$TOKEN\"( -H \"Accept:"
            + " text/csv\")?[ \\\\\\n]*\"?http://localhost:8181/api(/[^\"\\s]+)\"?");

    @Inject
    private ThingRegistry things;

    @Inject
    private SessionFactory sessions;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options(systemProperty(DOCS).value(new File("../docs/history.md").getAbsolutePath()));
    }

    /** docs/history.md, "Asking for history": every curl example answers as the page says, on the demo city. */
    @Test
    public void theDocumentedExamplesAnswer() throws Exception {
        Matcher examples = CURL.matcher(Files.readString(Path.of(System.getProperty(DOCS))));
        int answered = 0;
        while (examples.find()) {
            boolean csv = examples.group(1) != null;
            String path = examples.group(2);
            if (csv) {
                assertThat(hub.getText(path, "text/csv")).as(path).startsWith("time,value,unit");
            } else {
                HubClient.Answer answer = hub.get(path);
                assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
                assertThat(answer.body().has("points") || answer.body().has("channels") || answer.body().isArray())
                        .as(path).isTrue();
            }
            answered++;
        }
        assertThat(answered).as("curl examples in docs/history.md").isGreaterThanOrEqualTo(5);
    }

    @Test
    public void pushedStatesAreRecordedAndAnsweredRawAggregatedAndAsCsvToTheirDepartmentOnly() throws Exception {
        ThingUID gauge = gauge("gauge-h1");
        HubClient water = hub.as(token(Role.OPERATOR, DepartmentScope.parse("water")));
        for (int level = 1; level <= 30; level++) {
            assertThat(water.postJson("/ingest/" + gauge, "{\"level_cm\": " + level + ", \"note\": \"reading " + level
                    + (level % 2 == 0 ? ", even\"" : "\"") + "}").status()).isEqualTo(200);
        }
        String level = "/things/" + gauge + "/channels/level/history";
        await("30 points recorded").atMost(PATIENCE).until(() -> water.get(level).body().path("points").size() == 30);

        JsonNode raw = water.get(level).body();
        assertThat(raw.get("unit").asText()).isEqualTo("cm");
        assertThat(raw.has("next")).isFalse();
        List<Integer> values = new ArrayList<>();
        raw.get("points").forEach(point -> values.add(point.get("v").asInt()));
        assertThat(values).containsExactlyElementsOf(range(1, 30));

        List<Integer> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = water.get(level + "?limit=7" + (cursor == null ? "" : "&cursor=" + cursor)).body();
            page.get("points").forEach(point -> paged.add(point.get("v").asInt()));
            cursor = page.has("next") ? page.get("next").asText() : null;
            pages++;
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(range(1, 30));
        assertThat(pages).isEqualTo(5);

        JsonNode max = water.get(level + "?from=-1h&interval=1h&aggregate=max").body();
        assertThat(max.get("aggregate").asText()).isEqualTo("max");
        assertThat(max.at("/points/0/v").asInt() == 30 || max.at("/points/1/v").asInt() == 30).isTrue();
        JsonNode count = water.get(level + "?from=-1d&interval=1d&aggregate=count").body();
        long total = 0;
        for (JsonNode bucket : count.get("points")) {
            total += bucket.get("v").asLong();
        }
        assertThat(total).isEqualTo(30);

        String csv = water.getText(level, "text/csv");
        assertThat(csv.split("\r\n")).hasSize(31);
        assertThat(csv).startsWith("time,value,unit\r\n");
        assertThat(csv).contains(",30,cm");
        String notes = water.getText("/things/" + gauge + "/channels/note/history", "text/csv");
        assertThat(notes).contains(",\"reading 2, even\",");

        JsonNode both = water.get("/things/" + gauge + "/history?channels=level,note&limit=60").body();
        assertThat(both.at("/channels/level/points").size()).isEqualTo(30);
        assertThat(both.at("/channels/note/points/0/v").asText()).isEqualTo("reading 1");

        HubClient environment = hub.as(token(Role.VIEWER, DepartmentScope.parse("environment")));
        assertThat(environment.get(level).status()).isEqualTo(404);
        assertThat(environment.get("/things/" + gauge + "/history").status()).isEqualTo(404);
    }

    @Test
    public void everyBadParameterIsAnsweredWithWhatIsWrong() throws Exception {
        ThingUID gauge = gauge("gauge-h2");
        String level = "/things/" + gauge + "/channels/level/history";
        assertProblem(level + "?from=yesterday", "'from': 'yesterday' is not a time");
        assertProblem(level + "?from=-1h&to=-2h", "must be before 'to'");
        assertProblem(level + "?aggregate=avg", "'aggregate' needs an 'interval'");
        assertProblem(level + "?interval=1h&aggregate=median", "'aggregate' must be one of avg, min");
        assertProblem(level + "?interval=often", "'interval': 'often' is not a duration");
        assertProblem(level + "?from=-30d&interval=1s", "ask for an interval of at least 5m");
        assertProblem(level + "?limit=0", "'limit' must be a whole number from 1 to 10000");
        assertProblem(level + "?cursor=not-a-cursor", "'cursor' is not one this API gave");
        assertProblem(level + "?interval=1h&limit=5", "aggregated answers are not paged");
        assertProblem("/things/" + gauge + "/channels/note/history?interval=1h&aggregate=avg",
                "channel " + gauge + ":note holds text states: use count, first or last");
        HubClient.Answer missing = hub.get("/things/" + gauge + "/channels/depth/history");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("detail").asText()).contains("has no state channel 'depth'");
    }

    @Test
    public void strategiesApplyWithoutRestartAndTheConsoleShowsHistory() throws Exception {
        ThingUID quiet = gauge("gauge-h3");
        ThingUID loud = gauge("gauge-h4");
        org.osgi.service.cm.Configuration history = configurations.getConfiguration("org.cityhub.history", null);
        Dictionary<String, Object> properties = history.getProperties() == null ? new Hashtable<>()
                : history.getProperties();
        properties.put("strategy.quiet.select", "thing:" + quiet);
        properties.put("strategy.quiet.record", "none");
        history.update(properties);
        await("strategy in force").atMost(PATIENCE).until(() -> hub.get("/history/strategies").body().toString()
                .contains("\"thing:" + quiet + "\""));

        for (int i = 1; i <= 5; i++) {
            hub.postJson("/ingest/" + quiet, "{\"level_cm\": " + i + "}");
            hub.postJson("/ingest/" + loud, "{\"level_cm\": " + i + "}");
        }
        await("the other gauge recorded").atMost(PATIENCE).until(() -> hub.get("/things/" + loud
                + "/channels/level/history").body().path("points").size() == 5);
        assertThat(hub.get("/things/" + quiet + "/channels/level/history").body().get("points")).isEmpty();

        String table = ConsoleSession.execute(sessions, "cityhub:history --since -1h --interval 1h --aggregate sum "
                + loud + ":level");
        assertThat(table).contains("15").contains("█");
        assertThat(ConsoleSession.execute(sessions, "cityhub:history-strategies")).contains("quiet")
                .contains("thing:" + quiet).contains("none").contains("default");
        assertThat(ConsoleSession.execute(sessions, "cityhub:history-status")).contains("SQLite").contains("Recording: yes");
        JsonNode status = hub.get("/history/status").body();
        assertThat(status.get("written").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(status.get("recording").asBoolean()).isTrue();
        assertThat(hub.get("/health").body().at("/checks/history/degraded").asBoolean()).isFalse();
    }

    @Test
    public void adminsChangeStrategiesThroughRestAndTheConsole() throws Exception {
        HubClient.Answer defined = hub.putJson("/history/strategies/gauges", "{\"select\": [\"thingType:http:push\","
                + " \"department:water\"], \"record\": \"every 60s\", \"keepRaw\": \"365d\"}");
        assertThat(defined.status()).as(defined.body().toString()).isEqualTo(200);
        assertThat(defined.body().get("keep").asText()).isEqualTo("points 365d, hourly 730d, daily forever");
        await("in force").atMost(PATIENCE).until(() -> hub.get("/history/strategies").body().toString()
                .contains("\"every PT1M\""));
        HubClient.Answer wrong = hub.putJson("/history/strategies/gauges", "{\"select\": \"colour:red\","
                + " \"record\": \"none\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().get("detail").asText()).startsWith("strategy.gauges.select: 'colour:red' is no selector");
        assertThat(hub.get("/history/strategies").body().toString()).contains("thingType:http:push");
        assertThat(hub.as(token(Role.INTEGRATOR, DepartmentScope.ALL)).putJson("/history/strategies/gauges",
                "{\"select\": \"tag:x\", \"record\": \"none\"}").status()).isEqualTo(403);

        assertThat(hub.delete("/history/strategies/gauges").status()).isEqualTo(204);
        assertThat(hub.delete("/history/strategies/gauges").status()).isEqualTo(404);
        assertThat(ConsoleSession.execute(sessions, "cityhub:history-strategy --select tag:quiet --record none"
                + " --keep-raw 7d quiet")).contains("Strategy quiet: tag:quiet; records none; keeps points 7d");
        await("in force").atMost(PATIENCE).until(() -> ConsoleSession.execute(sessions, "cityhub:history-strategies")
                .contains("tag:quiet"));
        assertThat(ConsoleSession.execute(sessions, "cityhub:history-strategy-remove quiet")).contains("removed");
        assertThat(ConsoleSession.execute(sessions, "cityhub:history-strategy-remove quiet")).contains("no strategy");
        assertThat(hub.get("/audit?action=PUT%20/history/strategies/%7Bname%7D").body().size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    public void anUpdateOfTheHistoryBundleUnderLoadLosesNoPoint() throws Exception {
        ThingUID gauge = gauge("gauge-h5");
        Bundle history = bundle("org.cityhub.history");
        int sent = 0;
        for (int i = 1; i <= 300; i++) {
            assertThat(hub.postJson("/ingest/" + gauge, "{\"level_cm\": " + i + "}").status()).isEqualTo(200);
            sent++;
            if (i == 100) {
                history.update();
            }
        }
        String level = "/things/" + gauge + "/channels/level/history";
        int expected = sent;
        await("every point written after the update").atMost(PATIENCE).ignoreExceptions()
                .until(() -> hub.get(level).body().path("points").size() == expected);
        List<Integer> values = new ArrayList<>();
        hub.get(level).body().get("points").forEach(point -> values.add(point.get("v").asInt()));
        assertThat(values).containsExactlyElementsOf(range(1, 300));
        assertThat(hub.get("/history/status").body().get("missed").asLong()).isZero();
    }

    private void assertProblem(String path, String detail) {
        HubClient.Answer answer = hub.get(path);
        assertThat(answer.status()).as(path).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("detail").asText()).as(path).contains(detail);
    }

    /** A pushed gauge of the water department with a number and a text channel. */
    private ThingUID gauge(String id) {
        ThingUID uid = ThingUID.parse("http:push:" + id);
        assertThat(hub.postJson("/things", "{\"uid\": \"" + uid + "\", \"label\": \"Gauge\", \"department\":"
                + " \"water\", \"configuration\": {\"channels\": ["
                + "{\"id\": \"level\", \"itemType\": \"number\", \"unit\": \"cm\", \"transform\": \"jsonpath:$.level_cm\"},"
                + "{\"id\": \"note\", \"itemType\": \"text\", \"transform\": \"jsonpath:$.note\"}"
                + "]}}").status()).isEqualTo(201);
        await("gauge online").atMost(PATIENCE).until(() -> things.getStatus(uid).status() == ThingStatus.ONLINE);
        return uid;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().equals(symbolicName)) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private static List<Integer> range(int first, int last) {
        List<Integer> values = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            values.add(i);
        }
        return values;
    }
}
