package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.EnumSet;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.itests.HubClient.Answer;
import org.cityhub.itests.HubClient.SseFrame;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/** The demo city, driven through the distribution as its users drive it: REST, SSE, the console, features. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DemoCityIT extends HubTestSupport {

    private static final ThingUID STREET_LIGHT = ThingUID.parse("simulator:streetlight:harbour-1");
    private static final ThingUID AIR_STATION = ThingUID.parse("simulator:airquality:westlake-01");
    private static final String SIMULATOR_FEATURE = "cityhub-binding-simulator";
    private static final int DEMO_THINGS = 15;

    @Inject
    private ThingRegistry things;

    @Inject
    private EventBus bus;

    @Inject
    private FeaturesService features;

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options();
    }

    @Before
    public void demoCityIsOnline() {
        await("every demo thing ONLINE").atMost(PATIENCE).until(() -> simulatorThings().size() == DEMO_THINGS
                && simulatorThings().stream().allMatch(t -> things.getStatus(t.uid()).status() == ThingStatus.ONLINE));
    }

    @Test
    public void restListsTheDemoCityWithStates() {
        await("air station reported").atMost(PATIENCE)
                .until(() -> hub.get("/things/" + AIR_STATION).body().at("/states/pm25/type").asText().equals("number"));
        Answer list = hub.get("/things");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().size()).isEqualTo(DEMO_THINGS);
        for (JsonNode thing : list.body()) {
            assertThat(thing.at("/status/status").asText()).as(thing.get("uid").asText()).isEqualTo("ONLINE");
            assertThat(thing.get("department").asText()).isNotEmpty();
            assertThat(thing.get("states").size()).isPositive();
        }
        JsonNode station = hub.get("/things/" + AIR_STATION).body();
        assertThat(station.at("/states/pm25/unit").asText()).isEqualTo("µg/m3");
        assertThat(station.at("/states/pm25/updated").asText()).isNotEmpty();
        assertThat(station.at("/configuration/intervalSeconds").asInt()).isEqualTo(5);
    }

    @Test
    public void sseStreamsStateEventsNumberedBySequence() throws Exception {
        SseFrame frame = hub.awaitEvent("?topics=cityhub/things/+/channels/+/state", null,
                f -> f.event().equals("state"));

        assertThat(Long.parseLong(frame.id())).isPositive();
        JsonNode payload = HubClient.parse(frame.data());
        assertThat(payload.get("thingUID").asText()).startsWith("simulator:");
        assertThat(payload.at("/state/type").asText()).isIn("number", "onoff");
    }

    @Test
    public void sseResumesAfterLastEventId() throws Exception {
        long first = bus.publish("test/resume/1", "probe", "{\"n\":1}", "itest").sequence();
        long second = bus.publish("test/resume/2", "probe", "{\"n\":2}", "itest").sequence();

        SseFrame frame = hub.awaitEvent("?topics=test/resume/%23", Long.toString(first), f -> true);

        assertThat(frame.id()).isEqualTo(Long.toString(second));
        assertThat(frame.data()).isEqualTo("{\"n\":2}");
    }

    @Test
    public void restCommandsSwitchAndDimAStreetLight() {
        Answer off = hub.postJson("/things/" + STREET_LIGHT + "/channels/power/command", "{\"command\": \"OFF\"}");
        assertThat(off.status()).isEqualTo(202);
        await("light off").atMost(PATIENCE).until(() -> state(STREET_LIGHT, "power").equals("OFF"));

        Answer dim = hub.postJson("/things/" + STREET_LIGHT + "/channels/brightness/command",
                "{\"command\": {\"value\": 40, \"unit\": \"%\"}}");
        assertThat(dim.status()).isEqualTo(202);
        await("light dimmed to 40").atMost(PATIENCE).until(() -> state(STREET_LIGHT, "brightness").equals("40")
                && state(STREET_LIGHT, "power").equals("ON"));
        assertProblem(hub.postJson("/things/" + STREET_LIGHT + "/channels/brightness/command", "{\"command\": 140}"),
                400, "takes 0 to 100 %; 140 % is out of range");
        assertThat(hub.get("/thing-types/simulator:streetlight").body().toString())
                .contains("\"min\":0,\"max\":100,\"step\":5");
    }

    @Test
    public void restAnswersBadRequestsWithPreciseProblems() {
        assertProblem(hub.get("/things/not-a-uid"), 400, "invalid thing UID 'not-a-uid'");
        assertProblem(hub.get("/things/simulator:streetlight:nowhere"), 404, "no thing simulator:streetlight:nowhere");
        assertProblem(hub.postJson("/things/" + AIR_STATION + "/channels/pm25/command", "{\"command\": 3}"), 409,
                "read-only");
        assertProblem(hub.postJson("/things/" + STREET_LIGHT + "/channels/power/command", "{\"command\": \"DIM\"}"), 400,
                "expected ON, OFF or REFRESH");
        assertProblem(hub.postJson("/things/" + STREET_LIGHT + "/channels/power/command", "{\"command\": "), 400,
                "not valid JSON");
        assertProblem(hub.postJson("/things/" + STREET_LIGHT + "/channels/colour/command", "{\"command\": \"ON\"}"), 404,
                "no channel 'colour'");
        assertProblem(hub.get("/nothing-here"), 404, "no API route /nothing-here");
        assertThat(state(STREET_LIGHT, "power")).isIn("ON", "OFF");
    }

    @Test
    public void healthTellsLivenessAndReadinessWithEveryCheck() throws Exception {
        JsonNode health = hub.get("/health").body();
        assertThat(health.get("live").asBoolean()).isTrue();
        assertThat(health.get("ready").asBoolean()).isTrue();
        assertThat(health.at("/checks/things/ready").asBoolean()).isTrue();
        assertThat(health.at("/checks/storage/detail").asText()).contains("is writable");
        assertThat(hub.get("/health/live").status()).isEqualTo(200);
        assertThat(hub.get("/health/ready").status()).isEqualTo(200);

        assertThat(execute("cityhub:status")).contains("Ready        yes").contains("simulator (ACTIVE, 15 running")
                .contains("ONLINE 15");
        JsonNode status = HubClient.parse(execute("cityhub:status --json"));
        assertThat(status.get("ready").asBoolean()).isTrue();
        assertThat(status.at("/things/ONLINE").asInt()).isEqualTo(DEMO_THINGS);
        assertThat(HubClient.parse(execute("cityhub:things --json --department water"))).hasSize(2);
        assertThat(HubClient.parse(execute("cityhub:stats --json --filter jvm_threads")).get(0).get("value").asInt())
                .isPositive();
    }

    @Test
    public void consoleListsEveryThingWithItsStatus() throws Exception {
        String output = execute("cityhub:things");

        for (Thing thing : simulatorThings()) {
            assertThat(output).contains(thing.uid().toString());
        }
        assertThat(output).contains("ONLINE").doesNotContain("HANDLER_MISSING");
        assertThat(execute("cityhub:send " + STREET_LIGHT + ":power OFF")).contains("sent OFF");
        await("light off").atMost(PATIENCE).until(() -> state(STREET_LIGHT, "power").equals("OFF"));
    }

    @Test
    public void thingsKeepDefinitionAndStatesWhileTheirBindingIsAway() throws Exception {
        await("air station reported").atMost(PATIENCE)
                .until(() -> !state(AIR_STATION, "pm25").isEmpty());
        // the features service may still be settling the container's own provisioning
        await("simulator feature installed").atMost(PATIENCE)
                .until(() -> features.isInstalled(features.getFeature(SIMULATOR_FEATURE)));

        features.uninstallFeature(SIMULATOR_FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        await("things waiting for their binding").atMost(PATIENCE).until(() -> simulatorThings().stream()
                .allMatch(t -> things.getStatus(t.uid()).status() == ThingStatus.UNINITIALIZED
                        && (things.getStatus(t.uid()).detail() == ThingStatusDetail.HANDLER_MISSING
                                || t.bridgeUID() != null
                                        && things.getStatus(t.uid()).detail() == ThingStatusDetail.BRIDGE_UNINITIALIZED)));

        JsonNode station = hub.get("/things/" + AIR_STATION).body();
        assertThat(station.at("/status/status").asText()).isEqualTo("UNINITIALIZED");
        assertThat(station.at("/status/detail").asText()).isEqualTo("HANDLER_MISSING");
        assertThat(station.at("/states/pm25/type").asText()).isEqualTo("number");
        assertThat(simulatorThings()).hasSize(DEMO_THINGS);
        assertProblem(hub.postJson("/things/" + STREET_LIGHT + "/channels/power/command", "{\"command\": \"ON\"}"), 409,
                "binding 'simulator'");

        features.installFeature(SIMULATOR_FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        await("things back ONLINE").atMost(PATIENCE).until(() -> simulatorThings().stream()
                .allMatch(t -> things.getStatus(t.uid()).status() == ThingStatus.ONLINE));
    }

    private List<Thing> simulatorThings() {
        return things.getAll().stream().filter(t -> t.uid().bindingId().equals("simulator")).toList();
    }

    private String state(ThingUID thing, String channel) {
        return hub.get("/things/" + thing).body().at("/states/" + channel + "/value").asText();
    }

    private static void assertProblem(Answer answer, int status, String detail) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("status").asInt()).isEqualTo(status);
        assertThat(answer.body().get("detail").asText()).contains(detail);
    }

    private String execute(String command) throws Exception {
        return ConsoleSession.execute(sessions, command);
    }
}
