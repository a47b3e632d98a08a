package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.persistence.PersistenceService;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.types.NumberValue;
import org.cityhub.itests.HubClient.Answer;
import org.cityhub.itests.HubClient.SseRecorder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 21's "done means", for sharing: water grants the emergency office read on its river gauge, public lighting
 * grants it command on an embankment lamp's brightness; the office sees and commands exactly that through REST,
 * SSE, console and history, and a revocation takes effect at once, open streams included.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SharingIT extends HubTestSupport {

    private static final String GAUGE = "simulator:waterlevel:river-east";
    private static final String CANAL = "simulator:waterlevel:canal-lock";
    private static final String LAMP = "simulator:streetlight:harbour-1";
    private static final String EMERGENCY = "emergency";

    @Inject
    private EventBus bus;

    @Inject
    private SessionFactory sessions;

    @Inject
    private PersistenceService store;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options();
    }

    private HubClient department(Role role, String department) throws Exception {
        return hub.as(token(role, DepartmentScope.parse(department)));
    }

    private static String grant(String id, String owner, String select, String rights) {
        return "{\"id\": \"" + id + "\", \"owner\": {\"department\": \"" + owner + "\"}, \"grantee\": \"" + EMERGENCY
                + "\", \"select\": " + select + ", \"rights\": " + rights + ", \"purpose\": \"flood response\"}";
    }

    @Test
    public void theEmergencyOfficeSeesAndCommandsExactlyWhatWasGranted() throws Exception {
        HubClient water = department(Role.INTEGRATOR, "water");
        HubClient lighting = department(Role.INTEGRATOR, "public-lighting");
        String officer = "officer-" + System.nanoTime();
        HubClient emergency = hub.as(tokens.create(officer, Role.OPERATOR, DepartmentScope.parse(EMERGENCY), null,
                "itest").secret());
        assertThat(emergency.get("/things").body()).isEmpty();

        Answer gauges = water.postJson("/grants", grant("river-gauges", "water",
                "{\"tags\": [\"river\"], \"thingTypes\": [\"simulator:waterlevel\"]}", "[\"read\"]"));
        Answer lamp = lighting.postJson("/grants", grant("embankment-lamp", "public-lighting",
                "{\"channels\": [\"" + LAMP + ":brightness\"]}", "[\"read\", \"command\"]"));

        assertThat(gauges.status()).as(gauges.body().toString()).isEqualTo(201);
        assertThat(lamp.status()).isEqualTo(201);
        assertThat(gauges.header("Location")).endsWith("/api/grants/river-gauges");
        assertThat(gauges.body().get("createdBy").asText()).startsWith("token:integrator-");
        JsonNode seen = emergency.get("/things").body();
        assertThat(seen).extracting(thing -> thing.get("uid").asText()).containsExactlyInAnyOrder(GAUGE, LAMP);
        JsonNode lampSeen = emergency.get("/things/" + LAMP).body();
        assertThat(lampSeen.has("configuration")).isFalse();
        assertThat(lampSeen.get("grants").get(0).get("id").asText()).isEqualTo("embankment-lamp");
        await("the lamp's brightness is known").atMost(PATIENCE).until(() -> emergency.get("/things/" + LAMP + "/states")
                .body().has("brightness"));
        assertThat(emergency.get("/things/" + LAMP + "/states").body().has("power")).isFalse();
        assertThat(emergency.get("/things/" + LAMP + "/channels/power/state").status()).isEqualTo(404);
        assertThat(emergency.get("/things/" + CANAL).status()).isEqualTo(404);

        assertThat(emergency.postJson("/things/" + LAMP + "/channels/brightness/command", "{\"command\": 100}")
                .status()).isEqualTo(202);
        Answer power = emergency.postJson("/things/" + LAMP + "/channels/power/command", "{\"command\": \"OFF\"}");
        assertThat(power.status()).isEqualTo(403);
        assertThat(power.body().get("detail").asText()).contains("embankment-lamp");
        assertThat(emergency.postJson("/things/" + GAUGE + "/channels/level/command", "{\"command\": \"REFRESH\"}")
                .status()).as("read only").isEqualTo(403);
        Answer change = department(Role.INTEGRATOR, EMERGENCY).putJson("/things/" + GAUGE, "{\"label\": \"mine now\", \"department\": \"water\"}");
        assertThat(change.status()).isEqualTo(403);
        assertThat(change.body().get("detail").asText()).contains("only its owner changes it");

        JsonNode audit = hub.get("/audit?actor=token:" + officer).body();
        assertThat(audit).extracting(entry -> entry.get("detail").asText())
                .contains("command 100 through grant embankment-lamp");
        assertThat(emergency.get("/grants").body()).extracting(g -> g.get("id").asText())
                .contains("river-gauges", "embankment-lamp");
        assertThat(department(Role.VIEWER, "transport").get("/grants/river-gauges").status()).isEqualTo(404);
        assertThat(ConsoleSession.execute(sessions, "cityhub:things --seen-by emergency")).contains(GAUGE, LAMP)
                .doesNotContain(CANAL);
        assertThat(ConsoleSession.execute(sessions, "cityhub:grants --grantee emergency --active"))
                .contains("river-gauges", "embankment-lamp", "flood response");
        revoke(water, "river-gauges");
        revoke(lighting, "embankment-lamp");
        assertThat(emergency.get("/things").body()).isEmpty();
    }

    @Test
    public void onlyTheOwnersIntegratorsGrantAndRevokeAndABadGrantIsRefusedPrecisely() throws Exception {
        String select = "{\"things\": [\"" + GAUGE + "\"]}";
        assertThat(department(Role.INTEGRATOR, EMERGENCY).postJson("/grants", grant("self", "water", select,
                "[\"read\"]")).status()).as("another department's things").isEqualTo(403);
        assertThat(department(Role.OPERATOR, "water").postJson("/grants", grant("op", "water", select, "[\"read\"]"))
                .status()).as("an operator").isEqualTo(403);
        Answer noRead = department(Role.INTEGRATOR, "water").postJson("/grants", grant("x", "water", select,
                "[\"command\"]"));
        assertThat(noRead.status()).isEqualTo(400);
        assertThat(noRead.body().get("detail").asText()).contains("'rights' must include \"read\"");
        Answer badUid = department(Role.INTEGRATOR, "water").postJson("/grants", grant("y", "water",
                "{\"things\": [\"not a uid\"]}", "[\"read\"]"));
        assertThat(badUid.status()).isEqualTo(400);
        assertThat(badUid.body().get("detail").asText()).contains("'select.things[0]'");
        Answer unknownField = department(Role.INTEGRATOR, "water").postJson("/grants", "{\"owner\": {\"department\":"
                + " \"water\"}, \"grantee\": \"emergency\", \"select\": " + select + ", \"rights\": [\"read\"],"
                + " \"purpose\": \"x\", \"until\": \"2030-01-01T00:00:00Z\"}");
        assertThat(unknownField.body().get("detail").asText()).contains("has no field 'until'");

        HubClient water = department(Role.INTEGRATOR, "water");
        assertThat(water.postJson("/grants", grant("kept", "water", select, "[\"read\"]")).status()).isEqualTo(201);
        assertThat(water.postJson("/grants", grant("kept", "water", select, "[\"read\"]")).status()).isEqualTo(409);
        assertThat(department(Role.INTEGRATOR, EMERGENCY).delete("/grants/kept").status()).as("the grantee")
                .isEqualTo(403);
        revoke(water, "kept");
        assertThat(water.delete("/grants/kept").status()).as("ended already").isEqualTo(409);
        assertThat(water.get("/grants?active=false").body()).extracting(g -> g.get("id").asText()).contains("kept");
    }

    @Test
    public void aRevocationStopsAnOpenStreamAtOnce() throws Exception {
        HubClient water = department(Role.INTEGRATOR, "water");
        assertThat(water.postJson("/grants", grant("gauge-live", "water", "{\"things\": [\"" + GAUGE + "\"]}",
                "[\"read\"]")).status()).isEqualTo(201);
        assertThat(water.postJson("/grants", grant("canal-live", "water", "{\"things\": [\"" + CANAL + "\"]}",
                "[\"read\"]")).status()).isEqualTo(201);
        HubClient emergency = department(Role.VIEWER, EMERGENCY);
        try (SseRecorder stream = emergency.record("?topics=cityhub/%23")) {
            publishUntilSeen(stream, GAUGE, "before");
            assertThat(stream.frames).noneMatch(frame -> frame.data().contains("\"uid\":\"" + GAUGE + "\"")
                    && frame.event().equals("updated"));

            revoke(water, "gauge-live");
            bus.publish("cityhub/things/" + GAUGE + "/channels/level/state", "state", "{\"probe\": \"after\"}", "itest",
                    "water");
            // in bus order: once the canal's probe arrives, the gauge's would have arrived before it had it passed
            publishUntilSeen(stream, CANAL, "marker");

            assertThat(stream.frames).noneMatch(frame -> frame.data().contains("\"probe\": \"after\""));
            assertThat(stream.frames).anyMatch(frame -> frame.event().equals("removed")
                    && frame.data().contains("\"id\":\"gauge-live\""));
        }
        assertThat(emergency.get("/things/" + GAUGE).status()).isEqualTo(404);
        revoke(water, "canal-live");
    }

    /**
     * A grantee reads history only while a grant is in force, and then only what was recorded while one was: not
     * before its first grant, not between a revocation and a new grant.
     */
    @Test
    public void historyThroughAGrantIsReadOnlyInsideTheGrantsLifetimes() throws Exception {
        HubClient water = department(Role.INTEGRATOR, "water");
        HubClient emergency = department(Role.VIEWER, EMERGENCY);
        // the store keeps microseconds
        Instant before = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        Instant created = Instant.parse(water.postJson("/grants", grant("gauge-history", "water", "{\"things\": [\""
                + GAUGE + "\"]}", "[\"read\"]")).body().get("created").asText());
        Instant during = created.plusMillis(1).truncatedTo(ChronoUnit.MILLIS);
        awaitPast(during);
        Instant revoked = Instant.parse(revoke(water, "gauge-history").get("revoked").asText());
        String range = "/things/" + GAUGE + "/channels/level/history?from=" + before.minusSeconds(1) + "&to="
                + Instant.now().plus(1, ChronoUnit.HOURS) + "&limit=1000";
        assertThat(emergency.get(range).status()).as("revoked: nothing at all").isEqualTo(404);
        Instant between = revoked.plusMillis(1).truncatedTo(ChronoUnit.MILLIS);
        awaitPast(between);
        Instant again = Instant.parse(water.postJson("/grants", grant("gauge-again", "water", "{\"things\": [\""
                + GAUGE + "\"]}", "[\"read\"]")).body().get("created").asText());
        storeLevels(before, during, between);

        List<Instant> granted = times(emergency.get(range).body());

        assertThat(times(water.get(range).body())).contains(before, during, between);
        assertThat(granted).contains(during).doesNotContain(before, between).allSatisfy(time -> assertThat(
                time.isBefore(created) || !time.isBefore(revoked) && time.isBefore(again)).isFalse());
        JsonNode hourly = emergency.get(range.replace("&limit=1000", "&interval=1h&aggregate=min")).body()
                .get("points");
        assertThat(hourly).anySatisfy(bucket -> assertThat(bucket.get("v").asDouble()).isEqualTo(-7.25));
        revoke(water, "gauge-again");
    }

    private static void awaitPast(Instant instant) {
        await("the clock passes " + instant).atMost(PATIENCE).until(() -> Instant.now().isAfter(instant));
    }

    private void storeLevels(Instant... times) throws Exception {
        ChannelUID level = ChannelUID.parse(GAUGE + ":level");
        List<HistoricState> probes = new ArrayList<>();
        for (Instant time : times) {
            probes.add(new HistoricState(level, time, NumberValue.of(-7.25, "m")));
        }
        store.store(probes, store.checkpoint());
    }

    private static List<Instant> times(JsonNode history) {
        List<Instant> times = new ArrayList<>();
        history.get("points").forEach(point -> times.add(Instant.parse(point.get("t").asText())));
        return times;
    }

    private static JsonNode revoke(HubClient owner, String id) {
        Answer revoked = owner.delete("/grants/" + id);
        assertThat(revoked.status()).as(revoked.body().toString()).isEqualTo(200);
        return revoked.body();
    }

    private void publishUntilSeen(SseRecorder stream, String thing, String probe) {
        String data = "{\"probe\": \"" + probe + "\"}";
        await("probe " + probe + " on the stream").atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            bus.publish("cityhub/things/" + thing + "/channels/level/state", "state", data, "itest", "water");
            return stream.frames.stream().anyMatch(f -> f.data().equals(data));
        });
    }
}
