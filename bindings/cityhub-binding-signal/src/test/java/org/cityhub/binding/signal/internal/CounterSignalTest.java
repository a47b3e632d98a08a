package org.cityhub.binding.signal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.State;
import org.cityhub.test.HandlerHarness;
import org.junit.jupiter.api.Test;

class CounterSignalTest {

    @Test
    void countsWithoutGapsAtTheConfiguredRate() {
        HandlerHarness counter = start("signal:counter:c1", Map.of("ratePerSecond", new BigDecimal("500")));

        counter.scheduler().advance(Duration.ofSeconds(1));

        assertThat(counter.statuses()).containsExactly(ThingStatusInfo.of(ThingStatus.ONLINE));
        List<State> counts = counter.states("count");
        assertThat(counts).hasSize(505); // the tick at 0 and one every 10 ms up to 1 s, 5 each
        for (int i = 0; i < counts.size(); i++) {
            assertThat(((NumberValue) counts.get(i)).value().intValue()).isEqualTo(i + 1);
        }
    }

    @Test
    void theDefaultRateIsTenPerSecond() {
        HandlerHarness counter = start("signal:counter:c2", Map.of());

        counter.scheduler().advance(Duration.ofSeconds(2));

        assertThat(counter.states("count")).hasSize(21);
    }

    @Test
    void disposingStopsTheCount() {
        HandlerHarness counter = start("signal:counter:c3", Map.of("ratePerSecond", new BigDecimal("4")));
        counter.dispose();

        counter.scheduler().advance(Duration.ofSeconds(10));

        assertThat(counter.states("count")).hasSize(1);
        assertThat(counter.scheduler().pending()).isZero();
    }

    private static HandlerHarness start(String uid, Map<String, Object> configuration) {
        return HandlerHarness.start(new SignalHandlerFactory(), Thing.of(ThingUID.parse(uid), uid, configuration));
    }
}
