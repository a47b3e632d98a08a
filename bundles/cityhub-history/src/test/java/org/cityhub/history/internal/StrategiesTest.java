package org.cityhub.history.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.UnDef;
import org.junit.jupiter.api.Test;

class StrategiesTest {

    private static final ChannelUID GAUGE = ChannelUID.parse("sim:gauge:qiantang:level");
    private static final ChannelUID AIR = ChannelUID.parse("sim:airsensor:west-lake:pm25");
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void theMostSpecificSelectorWins() {
        Strategies strategies = Strategies.parse(Map.of("record", "update",
                "strategy.water.select", "department:water", "strategy.water.record", "every 60s",
                "strategy.gauges.select", "thingType:sim:gauge", "strategy.gauges.record", "threshold 5%",
                "strategy.quiet.select", "channel:sim:gauge:qiantang:level, tag:quiet",
                "strategy.quiet.record", "none"));
        assertThat(strategies.of(GAUGE, "water", uid -> Optional.empty()).name()).isEqualTo("quiet");
        assertThat(strategies.of(ChannelUID.parse("sim:gauge:lock-3:level"), "water", uid -> Optional.empty()).name())
                .isEqualTo("gauges");
        assertThat(strategies.of(ChannelUID.parse("sim:pump:lock-3:running"), "water", uid -> Optional.empty())
                .name()).isEqualTo("water");
        Thing quiet = new Thing(AIR.thingUID(), "Air", null, "environment", null, Set.of("quiet"), Map.of(),
                Map.of(), Set.of());
        assertThat(strategies.of(AIR, "environment", uid -> Optional.of(quiet)).name()).isEqualTo("quiet");
        assertThat(strategies.of(AIR, "environment", uid -> Optional.empty()).recording().kind())
                .isEqualTo(Recording.Kind.UPDATE);
        assertThat(strategies.needsThings()).isTrue();
        assertThat(strategies.described()).extracting(Strategies.Strategy::name)
                .containsExactly("gauges", "quiet", "water", "default");
    }

    @Test
    void eachWayOfRecordingDecidesAsDocumented() {
        NumberValue ten = NumberValue.of(10, "m");
        assertThat(Recording.parse("change").records(ten, T0, NumberValue.of(10, "m"), T0.plusSeconds(1))).isFalse();
        assertThat(Recording.parse("change").records(ten, T0, UnDef.UNDEF, T0.plusSeconds(1))).isTrue();
        assertThat(Recording.parse("update").records(ten, T0, ten, T0.plusSeconds(1))).isTrue();
        assertThat(Recording.parse("none").records(null, null, ten, T0)).isFalse();
        assertThat(Recording.parse("every 60s").records(ten, T0, NumberValue.of(11), T0.plusSeconds(59))).isFalse();
        assertThat(Recording.parse("every 1m").records(ten, T0, NumberValue.of(11), T0.plusSeconds(60))).isTrue();
        assertThat(Recording.parse("threshold 0.5").records(ten, T0, NumberValue.of(10.4, "m"), T0)).isFalse();
        assertThat(Recording.parse("threshold 0.5").records(ten, T0, NumberValue.of(9.5, "m"), T0)).isTrue();
        assertThat(Recording.parse("threshold 5%").records(ten, T0, NumberValue.of(10.4, "m"), T0)).isFalse();
        assertThat(Recording.parse("threshold 5%").records(ten, T0, NumberValue.of(10.5, "m"), T0)).isTrue();
        assertThat(Recording.parse("threshold 5%").records(ten, T0, NumberValue.of(10.4, "cm"), T0)).isTrue();
        assertThat(Recording.parse("threshold 5%").records(null, null, ten, T0)).isTrue();
        assertThat(Recording.parse("threshold 5%")).hasToString("threshold 5%");
    }

    @Test
    void aWrongPropertyIsNamedWithWhatIsWrong() {
        assertThatThrownBy(() -> Strategies.parse(Map.of("record", "sometimes")))
                .hasMessageStartingWith("record: 'sometimes' is no way of recording");
        assertThatThrownBy(() -> Strategies.parse(Map.of("strategy.a.select", "department:water")))
                .hasMessage("strategy.a: a strategy needs both strategy.a.select and strategy.a.record");
        assertThatThrownBy(() -> Strategies.parse(Map.of("strategy.a.select", "colour:red", "strategy.a.record",
                "none"))).hasMessageStartingWith("strategy.a.select: 'colour:red' is no selector");
        assertThatThrownBy(() -> Strategies.parse(Map.of("strategy.a.select", "thing:nonsense", "strategy.a.record",
                "none"))).hasMessageStartingWith("strategy.a.select: ");
        assertThatThrownBy(() -> Strategies.parse(Map.of("strategy.a.select", "tag:x", "strategy.a.record",
                "threshold -1"))).hasMessage("strategy.a.record: 'threshold -1': the threshold must be positive");
        assertThatThrownBy(() -> Strategies.parse(Map.of("strategy.a.select", "tag:x", "strategy.a.record", "none",
                "strategy.a.retain", "30d"))).hasMessage("strategy.a.retain: a strategy has select, record, keepRaw, keepHourly and keepDaily");
        assertThatThrownBy(() -> Strategies.parse(Map.of("strategy.Big.select", "tag:x", "strategy.Big.record",
                "none"))).hasMessageStartingWith("strategy.Big: a strategy's name is 1 to 64 lower-case");
        assertThatThrownBy(() -> Strategies.parse(Map.of("strategy.every.record", "every 0s", "strategy.every.select",
                "tag:x"))).hasMessage("strategy.every.record: a duration must be positive, was '0s'");
    }

    @Test
    void noConfigurationRecordsEveryChange() {
        Strategies strategies = Strategies.parse(Map.of("service.pid", "org.cityhub.history"));
        assertThat(strategies.of(GAUGE, null, uid -> Optional.empty()).recording()).isEqualTo(Recording.CHANGE);
        assertThat(strategies.needsThings()).isFalse();
        assertThat(ThingUID.parse("sim:gauge:qiantang")).isEqualTo(GAUGE.thingUID());
    }
}
