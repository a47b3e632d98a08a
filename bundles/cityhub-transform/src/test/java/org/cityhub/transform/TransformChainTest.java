package org.cityhub.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.types.ItemType;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.PointValue;
import org.cityhub.api.types.UnDef;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class TransformChainTest {

    private static final String STATION = "{\"station\": {\"id\": \"w-1\", \"data\": {\"pm25\": 123, \"status\": \"1\"}},"
            + " \"stops\": [{\"id\": \"a\", \"eta\": 3}, {\"id\": \"b\", \"eta\": 7}]}";

    @Test
    void aJsonPathThenScaleGivesANumberWithTheChannelsUnit() throws Exception {
        TransformChain chain = TransformChain.parse(List.of("jsonpath:$.station.data.pm25", "scale:0.1"));

        String text = chain.apply(STATION);

        assertThat(text).isEqualTo("12.3");
        assertThat(StateText.toState(text, ItemType.NUMBER, "µg/m3"))
                .isEqualTo(new NumberValue(new BigDecimal("12.3"), "µg/m3"));
    }

    @Test
    void pathsReachIntoListsAndQuotedNames() throws Exception {
        assertThat(TransformChain.parse(List.of("jsonpath:$.stops[1].eta")).apply(STATION)).isEqualTo("7");
        assertThat(TransformChain.parse(List.of("jsonpath:$['station']['id']")).apply(STATION)).isEqualTo("w-1");
        JsonPath all = JsonPath.parse("$.stops[*].id");
        assertThat(all.selectsMany()).isTrue();
        assertThat(all.select(new ObjectMapper().readTree(STATION))).extracting(JsonPath::text).containsExactly("a", "b");
    }

    @Test
    void aMappingTurnsCodesIntoStates() throws Exception {
        TransformChain chain = TransformChain.parse(List.of("jsonpath:$.station.data.status", "map:1=ON,0=OFF"));
        assertThat(StateText.toState(chain.apply(STATION), ItemType.ONOFF, null)).isEqualTo(OnOff.ON);
        assertThat(TransformChain.parse(List.of("map:a=1,_=UNDEF")).apply("zzz")).isEqualTo("UNDEF");
    }

    @Test
    void aRegexTakesItsFirstGroupAndOffsetShifts() throws Exception {
        TransformChain chain = TransformChain.parse(List.of("regex:level=([0-9.]+)cm", "offset:-100"));
        assertThat(chain.apply("gauge 7 level=342.5cm ok")).isEqualTo("242.5");
    }

    @Test
    void aPayloadThatDoesNotFitSaysWhichStepRefusedItAndWhy() {
        TransformChain chain = TransformChain.parse(List.of("jsonpath:$.station.data.pm25", "scale:0.1"));

        assertThatThrownBy(() -> chain.apply("<html>busy</html>")).isInstanceOf(TransformationException.class)
                .hasMessageContaining("jsonpath:$.station.data.pm25").hasMessageContaining("not JSON");
        assertThatThrownBy(() -> chain.apply("{\"station\": {}}")).hasMessageContaining("selects nothing");
        assertThatThrownBy(() -> TransformChain.parse(List.of("scale:0.1")).apply("n/a"))
                .hasMessageContaining("'n/a' is not a number");
        assertThatThrownBy(() -> TransformChain.parse(List.of("map:1=ON")).apply("7")).hasMessageContaining("not mapped");
    }

    @Test
    void aMalformedChainIsRefusedWithEveryProblem() {
        assertThatThrownBy(() -> TransformChain.parse(List.of("jsonpath:station", "scale:ten", "upper:x", "regex:(")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step 1").hasMessageContaining("step 2")
                .hasMessageContaining("step 3").hasMessageContaining("unknown kind 'upper'").hasMessageContaining("step 4");
    }

    @Test
    void textsBecomeStatesOfEveryItemType() throws Exception {
        assertThat(StateText.toState("21.5 °C", ItemType.NUMBER, null)).isEqualTo(new NumberValue(new BigDecimal("21.5"), "°C"));
        assertThat(StateText.toState("true", ItemType.ONOFF, null)).isEqualTo(OnOff.ON);
        assertThat(StateText.toState("52.52, 13.40", ItemType.POINT, null)).isEqualTo(new PointValue(52.52, 13.40));
        assertThat(StateText.toState("1795600000", ItemType.DATETIME, null).toString()).contains("2026");
        assertThat(StateText.toState("UNDEF", ItemType.NUMBER, "%")).isEqualTo(UnDef.UNDEF);
        assertThatThrownBy(() -> StateText.toState("warm", ItemType.NUMBER, "°C"))
                .hasMessageContaining("'warm' is not a state of a number channel");
        assertThat(StateText.ofCommand(new NumberValue(new BigDecimal("40"), "%"))).isEqualTo("40");
        assertThat(StateText.ofCommand(OnOff.OFF)).isEqualTo("OFF");
    }

    @Test
    void aRangeRefusesNumbersOutsideItsBoundsAndAFormatPlacesTheValue() throws Exception {
        TransformChain inRange = TransformChain.parse(List.of("range:0,500"));
        assertThat(inRange.apply("42.5")).isEqualTo("42.5");
        assertThatThrownBy(() -> inRange.apply("9000")).isInstanceOf(TransformationException.class)
                .hasMessageContaining("9000 is out of range [0, 500]");
        assertThat(TransformChain.parse(List.of("range:,0")).apply("-3")).isEqualTo("-3");
        assertThat(TransformChain.parse(List.of("map:ON=1,OFF=0", "format:{\"power\": {value}}")).apply("ON"))
                .isEqualTo("{\"power\": 1}");
        assertThatThrownBy(() -> TransformChain.parse(List.of("range:5", "format:no placeholder")))
                .hasMessageContaining("step 1").hasMessageContaining("step 2");
    }

    @Test
    void aChannelReaderTellsAStateFromAnAbsentValueAndARefusedOne() {
        ChannelReader reader = ChannelReader.of(new ChannelDefinition("pm25", "PM2.5", ItemType.NUMBER, "µg/m3", true,
                ChannelKind.STATE), Map.of("transform", List.of("jsonpath:$.pm25", "range:0,1000")));

        assertThat(reader.readsJson()).isTrue();
        assertThat(reader.read("{\"pm25\": 12}").state()).isEqualTo(new NumberValue(BigDecimal.valueOf(12), "µg/m3"));
        assertThat(reader.read("{\"no2\": 12}").outcome()).isEqualTo(ChannelReader.Outcome.ABSENT);
        assertThat(reader.read("{\"pm25\": 99999}").outcome()).isEqualTo(ChannelReader.Outcome.REFUSED);
        assertThat(reader.read("not json").text()).contains("not JSON");
        assertThatThrownBy(() -> ChannelReader.of(reader.channel(), Map.of("transform", 7)))
                .hasMessageStartingWith("channel pm25: ");
    }

    @Test
    void aNumberOutOfRangeIsRefusedBeforeAnyArithmetic() {
        assertThatThrownBy(() -> TransformChain.parse(List.of("jsonpath:$.v", "scale:0.1")).apply("{\"v\": \"1e999999999\"}"))
                .isInstanceOf(TransformationException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> TransformChain.parse(List.of("scale:1e999999999")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> StateText.toState("1e999999999 m", ItemType.NUMBER, null))
                .isInstanceOf(TransformationException.class).hasMessageContaining("out of range");
    }

    @Test
    void aCatastrophicPatternOnALongInputFinishesInLinearTime() {
        // (a+)+$ backtracks exponentially in java.util.regex on a's followed by a b; RE2/J reads the input once
        TransformChain evil = TransformChain.parse(List.of("regex:(a+)+$"));
        String input = "a".repeat(100_000) + "b";

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> evil.apply(input))
                .isInstanceOf(TransformationException.class).hasMessageContaining("no match in"));
        assertThatThrownBy(() -> TransformChain.parse(List.of("regex:(a)\\1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a regular expression");
    }
}
