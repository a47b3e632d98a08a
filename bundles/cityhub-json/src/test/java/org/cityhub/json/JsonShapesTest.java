package org.cityhub.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityhub.api.i18n.Labels;
import org.cityhub.api.thing.NumberRange;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.Location;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.DateTimeValue;
import org.cityhub.api.types.ItemType;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.OpenClosed;
import org.cityhub.api.types.PointValue;
import org.cityhub.api.types.Refresh;
import org.cityhub.api.types.State;
import org.cityhub.api.types.Text;
import org.cityhub.api.types.UnDef;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

class JsonShapesTest {

    @Test
    void aHomesThingKeepsItsHouseholdAndItsLabelsInBothLanguages() throws Exception {
        Thing thing = new Thing(ThingUID.parse("mqtt:zigbee2mqtt:00158d0001a2b301"), "Kitchen smoke alarm", null, null,
                null, Set.of(), Map.of(), Map.of(), Set.of(), "cuiyuan-3-301", Labels.of("zh-CN", "厨房烟雾报警器"));

        Thing back = ThingJson.parseThing(Json.parse(Json.toText(ThingJson.thing(thing))));

        assertThat(back).isEqualTo(thing);
        assertThat(Json.toText(ThingJson.thing(thing))).contains("\"labels\":{\"zh-CN\":\"厨房烟雾报警器\"}");
        assertThatThrownBy(() -> ThingJson.parseThing(Json.parse("{\"uid\": \"a:b:c\", \"label\": \"x\","
                + " \"labels\": {\"zh-CN\": 7}}"))).hasMessageContaining("'labels.zh-CN' must be a string");
    }

    @Test
    void aNumberChannelsRangeIsReadFromADescriptorAndWrittenBack() throws Exception {
        String descriptor = "{\"binding\": \"acme\", \"thingTypes\": [{\"id\": \"lamp\", \"label\": \"Lamp\", \"channels\": ["
                + "{\"id\": \"brightness\", \"itemType\": \"number\", \"unit\": \"%\", \"min\": 0,"
                + " \"max\": 100, \"step\": 5}]}]}";
        ThingType type = ThingTypeDescriptors.read(new ByteArrayInputStream(descriptor.getBytes(StandardCharsets.UTF_8)),
                "acme.json").get(0);

        assertThat(type.channel("brightness").orElseThrow().range()).isEqualTo(new NumberRange(BigDecimal.ZERO,
                new BigDecimal("100"), new BigDecimal("5")));
        assertThat(Json.toText(ThingTypeJson.thingType(type))).contains("\"min\":0,\"max\":100,\"step\":5");
        assertThatThrownBy(() -> ThingTypeDescriptors.read(new ByteArrayInputStream(descriptor.replace("\"max\": 100",
                "\"max\": -1").getBytes(StandardCharsets.UTF_8)), "acme.json"))
                .hasMessageContaining("channel 'brightness': min 0 is above max -1");
    }

    @Test
    void everyStatusAndDetailIsNamedInEnglishAndChinese() {
        for (ThingStatus status : ThingStatus.values()) {
            assertThat(StatusLabels.of(status).byLanguage()).as(status.name()).containsKeys("en", "zh-CN");
        }
        for (ThingStatusDetail detail : ThingStatusDetail.values()) {
            assertThat(StatusLabels.of(detail).byLanguage()).as(detail.name()).containsKeys("en", "zh-CN");
        }
    }

    @Test
    void aThingSurvivesARoundTripWithItsNumbersAsWritten() throws Exception {
        Thing thing = new Thing(ThingUID.parse("simulator:airquality:w1"), "Westlake", null, "environment",
                new Location(52.5, 13.4), Set.of("air"), Map.of("vendor", "sim"),
                Map.of("intervalSeconds", new BigDecimal("10"), "name", "x", "enabled", true));

        String json = Json.toText(ThingJson.thing(thing));
        Thing parsed = ThingJson.parseThing(Json.parse(json));

        assertThat(parsed).isEqualTo(thing);
        assertThat(json).contains("\"intervalSeconds\":10").contains("\"thingTypeUID\":\"simulator:airquality\"");
    }

    @Test
    void thingParsingNamesTheBadField() throws Exception {
        assertThatThrownBy(() -> parseThing("{\"uid\": \"a:b:c\"}")).hasMessage("missing 'label'");
        assertThatThrownBy(() -> parseThing("{\"uid\": \"a:b:c\", \"label\": \"x\", \"colour\": 1}"))
                .hasMessageStartingWith("unknown field 'colour'");
        assertThatThrownBy(() -> parseThing("{\"uid\": \"a:b:c\", \"thingTypeUID\": \"a:z\", \"label\": \"x\"}"))
                .hasMessageContaining("does not match the type in its UID");
        assertThatThrownBy(() -> parseThing("{\"uid\": \"a:b:c\", \"label\": \"x\", \"configuration\": {\"k\": null}}"))
                .hasMessageContaining("configuration parameter 'k' must be a string, a number, a boolean, a list or an"
                        + " object, found null");
        assertThat(parseThing("{\"uid\": \"a:b:c\", \"label\": \"x\", \"configuration\": {\"channels\":"
                + " [{\"id\": \"pm25\", \"scale\": 0.1}]}}").configuration().get("channels"))
                .isEqualTo(List.of(Map.of("id", "pm25", "scale", new BigDecimal("0.1"))));
        assertThatThrownBy(() -> parseThing("{\"uid\": \"a:b:c\", \"label\": \"x\", \"location\": {\"lat\": 91, \"lon\": 0}}"))
                .hasMessageContaining("latitude 91.0 is outside -90..90");
        assertThatThrownBy(() -> parseThing("{\"uid\": 7, \"label\": \"x\"}")).hasMessage("'uid' must be a string");
    }

    @Test
    void readOnlyFieldsOfARestAnswerAreIgnored() throws Exception {
        Thing thing = parseThing("{\"uid\": \"a:b:c\", \"label\": \"x\", \"status\": {}, \"states\": {}, \"source\": \"f\"}");

        assertThat(thing.label()).isEqualTo("x");
    }

    @Test
    void statesHaveTheirDocumentedShapes() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(text(StateJson.state(new NumberValue(new BigDecimal("21.50"), "°C"), now)))
                .isEqualTo("{\"type\":\"number\",\"value\":21.50,\"unit\":\"°C\",\"updated\":\"2026-01-01T00:00:00Z\"}");
        assertThat(text(StateJson.state(OnOff.ON, null))).isEqualTo("{\"type\":\"onoff\",\"value\":\"ON\"}");
        assertThat(text(StateJson.state(new PointValue(1.5, 2.5), null)))
                .isEqualTo("{\"type\":\"point\",\"lat\":1.5,\"lon\":2.5}");
        assertThat(text(StateJson.state(UnDef.NULL, null))).isEqualTo("{\"type\":\"null\"}");
    }

    @Test
    void commandsAreParsedByTheChannelsItemType() throws Exception {
        assertThat(StateJson.parseCommand(json("\"ON\""), ItemType.ONOFF)).isEqualTo(OnOff.ON);
        assertThat(StateJson.parseCommand(json("40"), ItemType.NUMBER)).isEqualTo(new NumberValue(new BigDecimal("40"), null));
        assertThat(StateJson.parseCommand(json("{\"value\": 40, \"unit\": \"%\"}"), ItemType.NUMBER))
                .isEqualTo(new NumberValue(new BigDecimal("40"), "%"));
        assertThat(StateJson.parseCommand(json("\"REFRESH\""), ItemType.NUMBER)).isEqualTo(Refresh.REFRESH);
        assertThatThrownBy(() -> StateJson.parseCommand(json("40"), ItemType.ONOFF))
                .hasMessageContaining("a onoff channel does not take the number command 40");
        assertThatThrownBy(() -> StateJson.parseCommand(json("[1]"), ItemType.NUMBER))
                .hasMessageContaining("'command' must be a string, a number or");
        assertThatThrownBy(() -> StateJson.parseCommand(null, ItemType.NUMBER)).hasMessageContaining("missing 'command'");
    }

    private static Thing parseThing(String json) throws Exception {
        return ThingJson.parseThing(json(json));
    }

    private static JsonNode json(String json) throws Exception {
        return Json.parse(json);
    }

    private static String text(JsonNode node) {
        return Json.toText(node);
    }

    @Test
    void aNumberOutOfRangeIsRefusedWhereTheJsonIsRead() {
        assertThatThrownBy(() -> Json.parse("{\"command\": 1e999999999}"))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Json.parse(("[" + "9".repeat(200) + "]").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Json.parse(new ByteArrayInputStream("{\"v\": -2E-999}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("out of range");
    }

    @Test
    void aBridgesSharingSurvivesARoundTripAndIsCheckedAsDepartments() throws Exception {
        Thing bridge = ThingJson.parseThing(Json.parse("{\"uid\": \"mqtt:broker:city\", \"label\": \"Broker\","
                + " \"department\": \"water\", \"sharedWith\": [\"transport\", \"environment\"]}"));

        assertThat(bridge.sharedWith()).containsExactlyInAnyOrder("transport", "environment");
        assertThat(ThingJson.parseThing(Json.parse(Json.toText(ThingJson.thing(bridge))))).isEqualTo(bridge);
        assertThat(Json.toText(ThingJson.thing(Thing.of(bridge.uid(), "x", Map.of())))).doesNotContain("sharedWith");
        assertThatThrownBy(() -> ThingJson.parseThing(Json.parse("{\"uid\": \"a:b:c\", \"label\": \"x\","
                + " \"sharedWith\": [\"Water Board\"]}"))).hasMessageContaining("not a department");
        assertThatThrownBy(() -> ThingJson.parseThing(Json.parse("{\"uid\": \"a:b:c\", \"label\": \"x\","
                + " \"sharedWith\": \"water\"}"))).hasMessage("'sharedWith' must be an array of strings");
    }

    @Test
    void everyStateTypeReadsBackAsItWasWritten() {
        List<State> states = List.of(new NumberValue(new BigDecimal("21.50"), "°C"), NumberValue.of(-3),
                OnOff.ON, OpenClosed.CLOSED, new Text("UNDEF is only a word here"),
                new DateTimeValue(OffsetDateTime.parse("2026-12-03T08:15:30.5+08:00")), new PointValue(30.25, 120.16),
                UnDef.NULL, UnDef.UNDEF);
        for (State state : states) {
            assertThat(StateJson.parseState(StateJson.state(state, Instant.EPOCH))).isEqualTo(state);
        }
    }

    @Test
    void aDamagedStateIsRefusedWithTheReason() {
        assertThatThrownBy(() -> StateJson.parseState(Json.parse("{\"type\": \"number\", \"value\": \"7\"}")))
                .hasMessage("the state's 'value' must be a number");
        assertThatThrownBy(() -> StateJson.parseState(Json.parse("{\"type\": \"datetime\", \"value\": \"noon\"}")))
                .hasMessageStartingWith("a datetime state's value must be ISO-8601");
        assertThatThrownBy(() -> StateJson.parseState(Json.parse("{\"type\": \"colour\"}")))
                .hasMessage("unknown state type 'colour'");
        assertThatThrownBy(() -> StateJson.parseState(Json.parse("[]"))).hasMessage("a state must be an object with a 'type'");
    }
}
