package org.cityhub.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;

import org.cityhub.api.thing.ThingStatus;
import org.junit.jupiter.api.Test;

class RuleParserTest {

    static final String FLOOD = """
            {
              "label": "Qiantang above its warning level",
              "department": "emergency",
              "maxFiringsPerMinute": 4,
              "triggers": [
                {"type": "threshold", "channel": "simulator:waterlevel:river-east:level", "above": 4.5,
                 "hysteresis": 0.2, "for": "2m"},
                {"type": "changed", "channel": "simulator:waterlevel:river-east:alarm", "to": "ON"},
                {"type": "status", "thing": "simulator:waterlevel:river-east", "to": "OFFLINE"},
                {"type": "trigger", "channel": "mqtt:topic:sos-1:button", "event": "PRESSED"},
                {"type": "schedule", "cron": "0 7 * * MON-FRI"},
                {"type": "schedule", "every": "5m"},
                {"type": "time", "at": "07:30"},
                {"type": "event", "topic": "cityhub/city/emergency/+"}
              ],
              "conditions": [
                {"type": "state", "channel": "simulator:waterlevel:river-east:level", "operator": ">=", "value": 4},
                {"type": "time", "after": "22:00", "before": "06:00"},
                {"type": "days", "days": ["MON", "SATURDAY"]}
              ],
              "actions": [
                {"type": "command", "channel": "simulator:streetlight:harbour-1:brightness", "command": 100},
                {"type": "event", "name": "flood-warning", "to": ["transport"], "message": "level {value}"},
                {"type": "webhook", "url": "https://alerts.example/flood", "timeout": "3s"},
                {"type": "enable", "thing": "simulator:traffic:tunnel-east", "enabled": false}
              ]
            }""";

    @Test
    void everyTriggerConditionAndActionTypeIsRead() {
        Rule rule = RuleParser.parse("flood", FLOOD);

        assertThat(rule.department()).isEqualTo("emergency");
        assertThat(rule.maxFiringsPerMinute()).isEqualTo(4);
        Trigger.Threshold threshold = (Trigger.Threshold) rule.triggers().get(0);
        assertThat(threshold.above()).isTrue();
        assertThat(threshold.limit()).isEqualByComparingTo("4.5");
        assertThat(threshold.hysteresis()).isEqualByComparingTo("0.2");
        assertThat(threshold.holdFor()).isEqualTo(Duration.ofMinutes(2));
        assertThat(threshold.pointer()).isEqualTo("/triggers/0");
        assertThat(rule.triggers()).extracting(t -> t.getClass().getSimpleName()).containsExactly("Threshold",
                "Changed", "Status", "ChannelEvent", "Schedule", "Schedule", "TimeOfDay", "CityEvent");
        assertThat(((Trigger.Status) rule.triggers().get(2)).to()).isEqualTo(ThingStatus.OFFLINE);
        assertThat(((Trigger.Schedule) rule.triggers().get(5)).every()).isEqualTo(Duration.ofMinutes(5));
        assertThat(((Trigger.TimeOfDay) rule.triggers().get(6)).at()).isEqualTo(LocalTime.of(7, 30));
        assertThat(((Condition.Days) rule.conditions().get(2)).days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY,
                DayOfWeek.SATURDAY);
        assertThat(((Condition.TimeWindow) rule.conditions().get(1)).contains(LocalTime.of(23, 0))).isTrue();
        assertThat(((Condition.TimeWindow) rule.conditions().get(1)).contains(LocalTime.of(12, 0))).isFalse();
        assertThat(rule.actions()).extracting(a -> a.getClass().getSimpleName()).containsExactly("SendCommand",
                "PublishEvent", "Webhook", "EnableThing");
        assertThat(((Action.Webhook) rule.actions().get(2)).method()).isEqualTo("POST");
        assertThat(rule.things()).extracting(Object::toString).contains("simulator:waterlevel:river-east",
                "simulator:streetlight:harbour-1", "simulator:traffic:tunnel-east");
        assertThat(threshold.beyond(new BigDecimal("4.6"))).isTrue();
        assertThat(threshold.back(new BigDecimal("4.4"))).isFalse();
        assertThat(threshold.back(new BigDecimal("4.3"))).isTrue();
    }

    @Test
    void aProblemNamesItsJsonPointer() {
        assertProblem("{\"label\": \"x\", \"department\": \"water\", \"triggers\": [{\"type\": \"sometimes\"}],"
                + " \"actions\": [{\"type\": \"event\", \"name\": \"x\"}]}", "/triggers/0/type", "not a trigger type");
        assertProblem(rule("{\"type\": \"schedule\", \"cron\": \"61 * * * *\"}"), "/triggers/0/cron",
                "cron minute '61'");
        assertProblem(rule("{\"type\": \"time\", \"at\": \"25:00\"}"), "/triggers/0/at", "not a time of day");
        assertProblem(rule("{\"type\": \"changed\", \"channel\": \"a:b:c:d\", \"colour\": \"red\"}"),
                "/triggers/0/colour", "unknown field");
        assertProblem(rule("{\"type\": \"threshold\", \"channel\": \"a:b:c:d\"}"), "/triggers/0",
                "either \"above\" or \"below\"");
        assertProblem(rule("{\"type\": \"event\", \"topic\": \"cityhub/things/#\"}"), "/triggers/0/topic",
                "follows city events");
        assertProblem("{\"label\": \"x\", \"department\": \"water\", \"triggers\": [{\"type\": \"time\", \"at\":"
                + " \"07:00\"}], \"actions\": []}", "/actions", "at least one");
        assertProblem("{\"id\": \"other\", \"label\": \"x\", \"department\": \"water\", \"triggers\": [], \"actions\":"
                + " []}", "/id", "the document says 'other'");
        assertProblem("{\"label\": ", "", "not valid JSON");
        assertThatThrownBy(() -> RuleParser.parse("Bad Id", "{}")).hasMessageContaining("rule id 'Bad Id'");
    }

    private static String rule(String trigger) {
        return "{\"label\": \"x\", \"department\": \"water\", \"triggers\": [" + trigger + "], \"actions\":"
                + " [{\"type\": \"event\", \"name\": \"x\"}]}";
    }

    private static void assertProblem(String text, String pointer, String message) {
        assertThatThrownBy(() -> RuleParser.parse("r", text)).isInstanceOf(RuleProblem.class)
                .hasMessageContaining(message)
                .satisfies(problem -> assertThat(((RuleProblem) problem).pointer()).isEqualTo(pointer));
    }
}
