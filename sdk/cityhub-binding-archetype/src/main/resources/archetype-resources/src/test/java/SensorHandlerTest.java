package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.test.HandlerHarness;
import org.junit.jupiter.api.Test;

/** The sensor handler run with the binding SDK's test kit: its descriptor, a recording callback, a virtual clock. */
class SensorHandlerTest {

    private final ScriptedDevice device = new ScriptedDevice();

    /** A device the test controls. */
    private static final class ScriptedDevice implements Device {
        double value = 21.5;
        boolean answers = true;
        boolean on = true;

        @Override
        public double read() throws IOException {
            if (!answers) {
                throw new IOException("timed out");
            }
            return value;
        }

        @Override
        public void power(boolean on) {
            this.on = on;
        }
    }

    /** The factory under test, with the scripted device in place of the real one. */
    private final ThingHandlerFactory factory = new ThingHandlerFactory() {
        @Override
        public boolean supportsThingType(ThingTypeUID thingTypeUID) {
            return new SensorHandlerFactory().supportsThingType(thingTypeUID);
        }

        @Override
        public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
            return new SensorHandler(thing, callback, config -> device);
        }
    };

    private HandlerHarness start(Map<String, Object> configuration) {
        return HandlerHarness.start(factory, Thing.of(ThingUID.parse("${bindingId}:sensor:s1"), "Sensor 1", configuration));
    }

    @Test
    void goesOnlineAndReportsAtEveryInterval() {
        HandlerHarness sensor = start(Map.of("host", "10.0.0.7", "intervalSeconds", new BigDecimal("30")));

        assertThat(sensor.status().status()).isEqualTo(ThingStatus.ONLINE);
        assertThat(sensor.state("reading")).isEqualTo(new NumberValue(new BigDecimal("21.5"), "°C"));
        device.value = 22;
        sensor.scheduler().advance(Duration.ofSeconds(60));
        assertThat(sensor.states("reading")).hasSize(3);
        assertThat(sensor.state("reading")).isEqualTo(new NumberValue(new BigDecimal("22.0"), "°C"));
        assertThat(sensor.refused()).isEmpty();
    }

    @Test
    void aThingWithoutHostIsRefusedAsTheHubRefusesIt() {
        assertThatThrownBy(() -> start(Map.of())).hasMessageContaining("host");
    }

    @Test
    void aBlankHostIsAConfigurationError() {
        HandlerHarness sensor = start(Map.of("host", " "));

        assertThat(sensor.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(sensor.status().message()).contains("host");
    }

    @Test
    void aDeviceThatStopsAnsweringGoesOfflineAndComesBack() {
        HandlerHarness sensor = start(Map.of("host", "10.0.0.7"));
        device.answers = false;
        sensor.scheduler().advance(Duration.ofSeconds(10));
        assertThat(sensor.status().detail()).isEqualTo(ThingStatusDetail.COMMUNICATION_ERROR);

        device.answers = true;
        sensor.scheduler().advance(Duration.ofSeconds(10));
        assertThat(sensor.status().status()).isEqualTo(ThingStatus.ONLINE);
    }

    @Test
    void switchesTheDeviceOnCommand() {
        HandlerHarness sensor = start(Map.of("host", "10.0.0.7"));

        sensor.command("power", OnOff.OFF);

        assertThat(device.on).isFalse();
        assertThat(sensor.state("power")).isEqualTo(OnOff.OFF);
    }

    @Test
    void disposingStopsThePolling() {
        HandlerHarness sensor = start(Map.of("host", "10.0.0.7"));
        int readings = sensor.states("reading").size();

        sensor.dispose();
        sensor.scheduler().advance(Duration.ofMinutes(5));

        assertThat(sensor.states("reading")).hasSize(readings);
    }
}
