package org.cityhub.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityhub.api.event.Event;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.State;
import org.cityhub.json.Json;
import org.cityhub.json.StateJson;
import org.cityhub.test.VirtualScheduler;
import org.junit.jupiter.api.Test;

class TriggerMatcherTest {

    private static final ZoneId HANGZHOU = ZoneId.of("Asia/Shanghai");

    private final TestCity city = new TestCity();
    // Friday 4 December 2026, 07:00 in Hangzhou
    private final VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-12-03T23:00:00Z"));
    private final List<Firing> fired = new CopyOnWriteArrayList<>();
    private final AtomicInteger memoryChanges = new AtomicInteger();
    private final TriggerMatcher matcher = new TriggerMatcher(fired::add, clock, city.things, HANGZHOU,
            memoryChanges::incrementAndGet);
    private long sequence;

    private RuleRuntime rule(String trigger) {
        String text = "{\"label\": \"x\", \"department\": \"water\", \"triggers\": [" + trigger + "], \"actions\":"
                + " [{\"type\": \"event\", \"name\": \"x\"}]}";
        RuleRuntime rule = new RuleRuntime(RuleCheck.check(RuleParser.parse("r", text), city.things,
                TestCity.audience("water", Set.of("sim:button:sos:button"), Set.of())), "managed", true);
        return rule;
    }

    private TriggerIndex start(RuleRuntime rule) {
        matcher.start(rule);
        return TriggerIndex.of(List.of(rule));
    }

    private void level(TriggerIndex index, String metres) {
        State state = TestCity.number(metres, "m");
        city.set(TestCity.GAUGE, "level", state);
        publish(index, "cityhub/things/sim:gauge:river/channels/level/state", "state",
                Json.object().put("thingUID", "sim:gauge:river").put("channel", "level")
                        .set("state", StateJson.state(state, clock.clock().instant())).toString());
    }

    private void publish(TriggerIndex index, String topic, String type, String payload) {
        matcher.onEvent(new Event(++sequence, topic, type, payload, "test", clock.clock().instant(), "water"), index);
    }

    @Test
    void aThresholdFiresOnceAfterTheValueStayedPastItAndAgainOnlyAfterComingBackByTheHysteresis() {
        TriggerIndex index = start(rule("{\"type\": \"threshold\", \"channel\": \"sim:gauge:river:level\", \"above\":"
                + " 4.5, \"hysteresis\": 0.2, \"for\": \"2m\"}"));

        level(index, "4.6");
        clock.advance(Duration.ofMinutes(1));
        level(index, "4.7");
        assertThat(fired).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).cause().get("value").asText()).isEqualTo("4.7 m");
        assertThat(fired.get(0).fill("the river is at {value}")).isEqualTo("the river is at 4.7 m");

        level(index, "4.8");
        level(index, "4.4");
        level(index, "4.6");
        clock.advance(Duration.ofMinutes(5));
        assertThat(fired).as("not back by the hysteresis: still the same flood").hasSize(1);

        level(index, "4.3");
        level(index, "4.6");
        clock.advance(Duration.ofMinutes(2));
        assertThat(fired).hasSize(2);
        assertThat(memoryChanges.get()).isPositive();
    }

    @Test
    void aValueComingBackDuringTheHoldStartsItAgain() {
        TriggerIndex index = start(rule("{\"type\": \"threshold\", \"channel\": \"sim:gauge:river:level\", \"above\":"
                + " 4.5, \"for\": \"2m\"}"));

        level(index, "4.6");
        clock.advance(Duration.ofSeconds(90));
        level(index, "4.0");
        clock.advance(Duration.ofMinutes(1));
        level(index, "4.6");
        clock.advance(Duration.ofSeconds(90));

        assertThat(fired).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(fired).hasSize(1);
    }

    @Test
    void aHoldRunningWhenTheHubStoppedGoesOnAfterTheRestart() {
        RuleRuntime before = rule("{\"type\": \"threshold\", \"channel\": \"sim:gauge:river:level\", \"above\": 4.5,"
                + " \"for\": \"2m\"}");
        TriggerIndex index = start(before);
        level(index, "4.6");
        clock.advance(Duration.ofMinutes(1));
        before.stop();

        RuleRuntime after = rule("{\"type\": \"threshold\", \"channel\": \"sim:gauge:river:level\", \"above\": 4.5,"
                + " \"for\": \"2m\"}");
        before.thresholds().forEach(after::setThreshold);
        start(after);
        clock.advance(Duration.ofSeconds(59));
        assertThat(fired).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(fired).hasSize(1);
    }

    @Test
    void aHoldTakenOverBeforeItsValueIsKnownGoesOnWithTheFirstValueCountedFromWhenItBegan() {
        RuleRuntime restarted = rule("{\"type\": \"threshold\", \"channel\": \"sim:gauge:river:level\", \"above\":"
                + " 4.5, \"for\": \"2m\"}");
        restarted.setThreshold("/triggers/0", new RuleRuntime.ThresholdState(clock.clock().instant().minusSeconds(90),
                false));
        TriggerIndex index = start(restarted); // no level known yet: nothing scheduled, nothing forgotten

        clock.advance(Duration.ofSeconds(10));
        level(index, "4.8");
        clock.advance(Duration.ofSeconds(19));
        assertThat(fired).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(fired).as("two minutes after the hold began, not after the restart").hasSize(1);
    }

    @Test
    void aHoldTakenOverWhileItsChannelIsListedButNotYetRestoredIsKeptToo() {
        city.neverSet(TestCity.GAUGE, "level"); // as the registry lists it before history brought its last state
        RuleRuntime restarted = rule("{\"type\": \"threshold\", \"channel\": \"sim:gauge:river:level\", \"above\":"
                + " 4.5, \"for\": \"2m\"}");
        restarted.setThreshold("/triggers/0", new RuleRuntime.ThresholdState(clock.clock().instant().minusSeconds(90),
                false));
        TriggerIndex index = start(restarted);

        level(index, "4.8");
        clock.advance(Duration.ofSeconds(30));
        assertThat(fired).as("two minutes after the hold began, not after the restart").hasSize(1);
    }

    @Test
    void aChangeFiresOnlyWhenTheStateChangesToWhatIsAsked() {
        city.set(TestCity.GAUGE, "alarm", OnOff.OFF);
        TriggerIndex index = start(rule("{\"type\": \"changed\", \"channel\": \"sim:gauge:river:alarm\", \"to\":"
                + " \"ON\"}"));

        alarm(index, OnOff.OFF);
        alarm(index, OnOff.ON);
        alarm(index, OnOff.ON);
        alarm(index, OnOff.OFF);

        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).cause().get("previous").asText()).isEqualTo("OFF");
    }

    private void alarm(TriggerIndex index, State state) {
        publish(index, "cityhub/things/sim:gauge:river/channels/alarm/state", "state", Json.object()
                .set("state", StateJson.state(state, null)).toString());
    }

    @Test
    void statusTriggerAndCityEventTriggersFireOnWhatTheyName() {
        RuleRuntime status = rule("{\"type\": \"status\", \"thing\": \"sim:gauge:river\", \"to\": \"OFFLINE\"}");
        RuleRuntime button = rule("{\"type\": \"trigger\", \"channel\": \"sim:button:sos:button\", \"event\":"
                + " \"PRESSED\"}");
        RuleRuntime city = rule("{\"type\": \"event\", \"topic\": \"cityhub/city/water/flood-warning\"}");
        TriggerIndex index = TriggerIndex.of(List.of(status, button, city));

        publish(index, "cityhub/things/sim:gauge:river/status", "status",
                "{\"status\": {\"status\": \"ONLINE\"}, \"previous\": {\"status\": \"OFFLINE\"}}");
        publish(index, "cityhub/things/sim:gauge:river/status", "status",
                "{\"status\": {\"status\": \"OFFLINE\"}, \"previous\": {\"status\": \"ONLINE\"}}");
        publish(index, "cityhub/things/sim:button:sos/channels/button/trigger", "trigger", "{\"event\": \"RELEASED\"}");
        publish(index, "cityhub/things/sim:button:sos/channels/button/trigger", "trigger", "{\"event\": \"PRESSED\"}");
        publish(index, "cityhub/city/transport/flood-warning", "city", "{}");
        publish(index, "cityhub/city/water/flood-warning", "city", "{\"message\": \"rising\"}");

        assertThat(fired).extracting(f -> f.rule().id() + " " + f.cause().get("trigger").asText())
                .hasSize(3).allSatisfy(line -> assertThat(line).startsWith("r "));
        assertThat(fired).extracting(f -> f.cause().get("trigger").asText()).containsExactly("status", "trigger",
                "event");
        assertThat(fired.get(2).cause().at("/event/message").asText()).isEqualTo("rising");
        assertThat(index.relevant("cityhub/things/sim:gauge:river/channels/level/state")).isFalse();
        assertThat(index.relevant("cityhub/things/sim:button:sos/channels/button/trigger")).isTrue();
    }

    @Test
    void schedulesAndTimesOfDayFollowTheCitysClock() {
        start(rule("{\"type\": \"schedule\", \"every\": \"5m\"}"));
        start(rule("{\"type\": \"time\", \"at\": \"07:30\"}"));
        start(rule("{\"type\": \"schedule\", \"cron\": \"0 8 * * MON-FRI\"}"));

        clock.advance(Duration.ofMinutes(29));
        assertThat(fired).hasSize(5);
        clock.advance(Duration.ofMinutes(1));
        assertThat(fired).hasSize(7).anySatisfy(f -> assertThat(f.cause().get("trigger").asText()).isEqualTo("time"));
        clock.advance(Duration.ofMinutes(30));
        assertThat(fired).filteredOn(f -> f.cause().get("trigger").asText().equals("schedule")
                && f.cause().has("at")).hasSize(1);
        clock.advance(Duration.ofDays(1));
        assertThat(fired).filteredOn(f -> f.cause().get("trigger").asText().equals("time")).hasSize(2);
    }
}
