package org.cityhub.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.cityhub.api.thing.ConfigParameter;
import org.cityhub.api.thing.ParameterType;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

    private static final ThingType BROKER = new ThingType(ThingTypeUID.parse("mqtt:broker"), "Broker", "", true, List.of(),
            List.of(new ConfigParameter("host", ParameterType.TEXT, null, null, true, null, null, null, "[a-z0-9.-]+", List.of()),
                    new ConfigParameter("port", ParameterType.INTEGER, null, null, false, new BigDecimal("1883"),
                            BigDecimal.ONE, new BigDecimal("65535"), null, List.of()),
                    new ConfigParameter("qos", ParameterType.TEXT, null, null, false, "1", null, null, null,
                            List.of("0", "1", "2")),
                    new ConfigParameter("tls", ParameterType.BOOLEAN, null, null, false, false, null, null, null, List.of()),
                    new ConfigParameter("keepAlive", ParameterType.DECIMAL, null, null, false, null, null,
                            new BigDecimal("600"), null, List.of())),
            List.of());

    @Test
    void appliesDefaultsToAValidConfiguration() {
        ConfigValidator.Result result = ConfigValidator.validate(BROKER, Map.of("host", "broker.city"));

        assertThat(result.valid()).isTrue();
        assertThat(result.configuration()).containsEntry("port", new BigDecimal("1883")).containsEntry("qos", "1")
                .containsEntry("tls", false).doesNotContainKey("keepAlive");
    }

    @Test
    void reportsEveryViolationAtOnceNamingParameterAndRule() {
        ConfigValidator.Result result = ConfigValidator.validate(BROKER, Map.of("host", "Broker City", "port",
                new BigDecimal("70000.5"), "qos", "3", "tls", "yes", "keepAlive", "often", "colour", "red"));

        assertThat(result.violations()).containsExactlyInAnyOrder(
                "parameter 'colour' is not known; thing type mqtt:broker has [host, port, qos, tls, keepAlive]",
                "parameter 'host' = 'Broker City' does not match the pattern [a-z0-9.-]+",
                "parameter 'port' must be a whole number, was 70000.5",
                "parameter 'port' = 70000.5 is above its maximum 65535",
                "parameter 'qos' = '3' is not one of [0, 1, 2]",
                "parameter 'tls' must be true or false, was the text 'yes'",
                "parameter 'keepAlive' must be a number, was the text 'often'");
    }

    @Test
    void aBridgeIsCheckedAgainstTheTypesBridgeRules() {
        Thing withBridge = new Thing(ThingUID.parse("mqtt:broker:b1"), "b1", ThingUID.parse("mqtt:broker:b0"), null, null,
                null, null, Map.of("host", "broker.city"));

        assertThat(ConfigValidator.validate(BROKER, withBridge).violations())
                .containsExactly("thing type mqtt:broker goes through no bridge: remove bridgeUID");
    }

    @Test
    void aMissingRequiredParameterIsAViolation() {
        assertThat(ConfigValidator.validate(BROKER, Map.of()).violations()).containsExactly("parameter 'host' is required");
    }
}
