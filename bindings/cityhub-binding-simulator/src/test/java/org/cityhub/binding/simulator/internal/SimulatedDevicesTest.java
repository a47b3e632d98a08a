package org.cityhub.binding.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.Refresh;
import org.cityhub.api.types.State;
import org.junit.jupiter.api.Test;

class SimulatedDevicesTest {

    private final SimulatorHandlerFactory factory = new SimulatorHandlerFactory();
    private final Recording callback = new Recording();

    @Test
    void supportsItsFourDeviceTypesOnly() {
        assertThat(factory.supportsThingType(ThingTypeUID.parse("simulator:streetlight"))).isTrue();
        assertThat(factory.supportsThingType(ThingTypeUID.parse("simulator:tram"))).isFalse();
        assertThat(factory.supportsThingType(ThingTypeUID.parse("mqtt:streetlight"))).isFalse();
    }

    @Test
    void anAirStationGoesOnlineAndReportsPlausibleValuesEveryInterval() {
        ThingHandler station = start("simulator:airquality:a1", Map.of("intervalSeconds", new BigDecimal("7")));

        assertThat(callback.statuses).containsExactly(ThingStatusInfo.of(ThingStatus.ONLINE));
        assertThat(callback.period).isEqualTo(Duration.ofSeconds(7));
        callback.tick.run();
        NumberValue pm25 = (NumberValue) callback.last("pm25");
        NumberValue pm10 = (NumberValue) callback.last("pm10");
        assertThat(pm25.unit()).isEqualTo("µg/m3");
        assertThat(pm25.value().doubleValue()).isBetween(1.0, 60.0);
        assertThat(pm10.value()).isGreaterThanOrEqualTo(pm25.value());
        assertThat(((NumberValue) callback.last("humidity")).value().doubleValue()).isBetween(20.0, 100.0);
        station.dispose();
    }

    @Test
    void aStreetLightEchoesCommandsAsStates() {
        ThingHandler light = start("simulator:streetlight:l1", Map.of());
        ChannelUID power = ThingUID.parse("simulator:streetlight:l1").channel("power");
        ChannelUID brightness = ThingUID.parse("simulator:streetlight:l1").channel("brightness");

        light.handleCommand(brightness, new NumberValue(new BigDecimal("40"), "%"));
        assertThat(callback.last("brightness")).isEqualTo(new NumberValue(new BigDecimal("40"), "%"));
        assertThat(callback.last("power")).isEqualTo(OnOff.ON);

        light.handleCommand(power, OnOff.OFF);
        assertThat(callback.last("power")).isEqualTo(OnOff.OFF);
        assertThat(callback.last("brightness")).isEqualTo(new NumberValue(BigDecimal.ZERO, "%"));

        int reports = callback.states.size();
        light.handleCommand(power, Refresh.REFRESH);
        assertThat(callback.states).hasSize(reports + 2);
    }

    @Test
    void aGaugeFiresAlarmWhenTheLevelCrossesTheThreshold() {
        start("simulator:waterlevel:w1", Map.of("baseLevel", new BigDecimal("300"), "alarmThreshold", new BigDecimal("100")));

        callback.tick.run();
        callback.tick.run();

        assertThat(callback.triggers).containsExactly("alarm:ALARM");
    }

    @Test
    void aParkingSensorReportsOnlyWhileItsGatewayIsUp() {
        Recording gatewayCallback = new Recording();
        ThingHandler gateway = factory.createHandler(Thing.of(ThingUID.parse("simulator:gateway:g1"), "g", Map.of()),
                gatewayCallback);
        gateway.initialize();
        callback.bridge = gateway;
        start("simulator:parking:p1", Map.of());

        callback.tick.run();
        assertThat(callback.states).hasSize(1);

        gateway.handleCommand(ThingUID.parse("simulator:gateway:g1").channel("power"), OnOff.OFF);
        callback.tick.run();
        assertThat(callback.states).hasSize(1);
        assertThat(gatewayCallback.statuses).last().isEqualTo(ThingStatusInfo.of(ThingStatus.OFFLINE,
                ThingStatusDetail.COMMUNICATION_ERROR, "gateway switched off"));
    }

    @Test
    void aBadConfigurationIsAStatusNotAnException() {
        start("simulator:traffic:t1", Map.of("intervalSeconds", "often"));

        assertThat(callback.statuses).containsExactly(ThingStatusInfo.of(ThingStatus.OFFLINE,
                ThingStatusDetail.CONFIGURATION_ERROR, "intervalSeconds must be a number, was 'often'"));
        assertThat(callback.tick).isNull();
    }

    private ThingHandler start(String uid, Map<String, Object> configuration) {
        ThingHandler handler = factory.createHandler(Thing.of(ThingUID.parse(uid), "test", configuration), callback);
        handler.initialize();
        return handler;
    }

    /** Records what a handler reports; its scheduler keeps the periodic task so the test runs it by hand. */
    private static final class Recording implements ThingHandlerCallback, HandlerScheduler {
        final List<ThingStatusInfo> statuses = new ArrayList<>();
        final List<Map.Entry<String, State>> states = new ArrayList<>();
        final List<String> triggers = new ArrayList<>();
        Runnable tick;
        Duration period;
        ThingHandler bridge;

        State last(String channel) {
            for (int i = states.size() - 1; i >= 0; i--) {
                if (states.get(i).getKey().equals(channel)) {
                    return states.get(i).getValue();
                }
            }
            throw new AssertionError("no state reported for " + channel);
        }

        @Override
        public void stateUpdated(ChannelUID channel, State state) {
            states.add(Map.entry(channel.channelId(), state));
        }

        @Override
        public void statusUpdated(ThingStatusInfo status) {
            statuses.add(status);
        }

        @Override
        public void channelTriggered(ChannelUID channel, String event) {
            triggers.add(channel.channelId() + ":" + event);
        }

        @Override
        public ThingType thingType() {
            throw new UnsupportedOperationException("the simulator does not read its type");
        }

        @Override
        public HandlerScheduler scheduler() {
            return this;
        }

        @Override
        public Optional<ThingHandler> bridgeHandler() {
            return Optional.ofNullable(bridge);
        }

        @Override
        public ScheduledTask schedule(Runnable task, Duration delay) {
            throw new UnsupportedOperationException("the simulator schedules only periodic work");
        }

        @Override
        public ScheduledTask scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period) {
            this.tick = task;
            this.period = period;
            return () -> this.tick = null;
        }

        @Override
        public Clock clock() {
            return Clock.fixed(Instant.parse("2026-06-01T08:00:00Z"), ZoneId.of("UTC"));
        }
    }
}
