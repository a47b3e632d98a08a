package org.cityhub.binding.signal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.binding.HandlerScheduler;
import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.State;
import org.junit.jupiter.api.Test;

class CounterSignalTest {

    private final List<State> states = new ArrayList<>();
    private final List<ThingStatusInfo> statuses = new ArrayList<>();
    private Runnable tick;
    private Duration period;

    @Test
    void countsWithoutGapsAtTheConfiguredRate() {
        ThingHandler counter = new SignalHandlerFactory().createHandler(
                Thing.of(ThingUID.parse("signal:counter:c1"), "c1", Map.of("ratePerSecond", new BigDecimal("500"))),
                callback());
        counter.initialize();

        tick.run();
        tick.run();

        assertThat(statuses).containsExactly(ThingStatusInfo.of(ThingStatus.ONLINE));
        assertThat(period).isEqualTo(Duration.ofMillis(10));
        assertThat(states).hasSize(10);
        for (int i = 0; i < states.size(); i++) {
            assertThat(((NumberValue) states.get(i)).value().intValue()).isEqualTo(i + 1);
        }
    }

    @Test
    void aSlowRateTicksLessOften() {
        new SignalHandlerFactory().createHandler(Thing.of(ThingUID.parse("signal:counter:c2"), "c2",
                Map.of("ratePerSecond", new BigDecimal("4"))), callback()).initialize();

        assertThat(period).isEqualTo(Duration.ofMillis(250));
    }

    private ThingHandlerCallback callback() {
        return new ThingHandlerCallback() {
            @Override
            public void stateUpdated(ChannelUID channel, State state) {
                states.add(state);
            }

            @Override
            public void statusUpdated(ThingStatusInfo status) {
                statuses.add(status);
            }

            @Override
            public void channelTriggered(ChannelUID channel, String event) {
                throw new AssertionError("a counter has no trigger channel");
            }

            @Override
            public ThingType thingType() {
                throw new UnsupportedOperationException("the counter does not read its type");
            }

            @Override
            public HandlerScheduler scheduler() {
                return new HandlerScheduler() {
                    @Override
                    public ScheduledTask schedule(Runnable task, Duration delay) {
                        throw new UnsupportedOperationException("the counter schedules only periodic work");
                    }

                    @Override
                    public ScheduledTask scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration every) {
                        tick = task;
                        period = every;
                        return () -> tick = null;
                    }

                    @Override
                    public Clock clock() {
                        return Clock.systemUTC();
                    }
                };
            }

            @Override
            public Optional<ThingHandler> bridgeHandler() {
                return Optional.empty();
            }
        };
    }
}
