package org.cityhub.binding.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.Refresh;
import org.cityhub.test.HandlerHarness;
import org.cityhub.test.TestOutboundPolicy;
import org.junit.jupiter.api.Test;

/** The simulator's devices, run with the binding SDK's test kit: descriptor, defaults and a virtual clock. */
class SimulatedDevicesTest {

    private final SimulatorHandlerFactory factory = new SimulatorHandlerFactory(new TestOutboundPolicy());

    @Test
    void supportsItsDeviceTypesOnly() {
        assertThat(factory.supportsThingType(ThingTypeUID.parse("simulator:streetlight"))).isTrue();
        assertThat(factory.supportsThingType(ThingTypeUID.parse("simulator:tram"))).isFalse();
        assertThat(factory.supportsThingType(ThingTypeUID.parse("mqtt:streetlight"))).isFalse();
    }

    @Test
    void anAirStationGoesOnlineAndReportsPlausibleValuesEveryInterval() {
        HandlerHarness station = start("simulator:airquality:a1", Map.of("intervalSeconds", new BigDecimal("7")));

        assertThat(station.statuses()).containsExactly(ThingStatusInfo.of(ThingStatus.ONLINE));
        assertThat(station.states("pm25")).hasSize(1);
        station.scheduler().advance(Duration.ofSeconds(21));
        assertThat(station.states("pm25")).hasSize(4);
        NumberValue pm25 = (NumberValue) station.state("pm25");
        NumberValue pm10 = (NumberValue) station.state("pm10");
        assertThat(pm25.unit()).isEqualTo("µg/m3");
        assertThat(pm25.value().doubleValue()).isBetween(1.0, 60.0);
        assertThat(pm10.value()).isGreaterThanOrEqualTo(pm25.value());
        assertThat(((NumberValue) station.state("humidity")).value().doubleValue()).isBetween(20.0, 100.0);
        assertThat(station.refused()).isEmpty();
    }

    @Test
    void theDescriptorsDefaultIntervalApplies() {
        HandlerHarness counter = start("simulator:traffic:t1", Map.of());

        counter.scheduler().advance(Duration.ofSeconds(5));

        assertThat(counter.states("vehicles")).hasSize(2);
    }

    @Test
    void aStreetLightEchoesCommandsAsStates() {
        HandlerHarness light = start("simulator:streetlight:l1", Map.of());

        light.command("brightness", new NumberValue(new BigDecimal("40"), "%"));
        assertThat(light.state("brightness")).isEqualTo(new NumberValue(new BigDecimal("40"), "%"));
        assertThat(light.state("power")).isEqualTo(OnOff.ON);

        light.command("power", OnOff.OFF);
        assertThat(light.state("power")).isEqualTo(OnOff.OFF);
        assertThat(light.state("brightness")).isEqualTo(new NumberValue(BigDecimal.ZERO, "%"));

        int reports = light.states("power").size();
        light.command("power", Refresh.REFRESH);
        assertThat(light.states("power")).hasSize(reports + 1);
    }

    @Test
    void aGaugeFiresAlarmWhenTheLevelCrossesTheThreshold() {
        HandlerHarness gauge = start("simulator:waterlevel:w1", Map.of("baseLevel", new BigDecimal("300"),
                "alarmThreshold", new BigDecimal("100")));

        gauge.scheduler().advance(Duration.ofSeconds(10));

        assertThat(gauge.triggers("alarm")).containsExactly("ALARM");
    }

    @Test
    void aParkingSensorReportsOnlyWhileItsGatewayIsUp() {
        HandlerHarness gateway = start("simulator:gateway:g1", Map.of());
        HandlerHarness sensor = HandlerHarness.start(factory, Thing.of(ThingUID.parse("simulator:parking:p1"), "p1",
                Map.of()), gateway.handler());
        assertThat(sensor.states("occupied")).hasSize(1);

        gateway.command("power", OnOff.OFF);
        sensor.scheduler().advance(Duration.ofSeconds(10));

        assertThat(sensor.states("occupied")).hasSize(1);
        assertThat(gateway.status()).isEqualTo(ThingStatusInfo.of(ThingStatus.OFFLINE,
                ThingStatusDetail.COMMUNICATION_ERROR, "gateway switched off"));
    }

    @Test
    void aBadConfigurationIsRefusedAsTheHubWouldAndTheHandlerReportsItToo() {
        assertThatThrownBy(() -> start("simulator:traffic:t1", Map.of("intervalSeconds", "often")))
                .hasMessageContaining("parameter 'intervalSeconds' must be a number");
        assertThatThrownBy(() -> start("simulator:traffic:t1", Map.of()).command("speed", NumberValue.of(3)))
                .hasMessageContaining("read-only");
    }

    private HandlerHarness start(String uid, Map<String, Object> configuration) {
        return HandlerHarness.start(factory, Thing.of(ThingUID.parse(uid), "test", configuration));
    }
}
