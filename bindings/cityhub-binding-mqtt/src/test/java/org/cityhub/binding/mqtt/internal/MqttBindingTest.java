package org.cityhub.binding.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityhub.binding.mqtt.internal.MqttThings.WAIT;
import static org.cityhub.binding.mqtt.internal.MqttThings.awaitStatus;
import static org.cityhub.binding.mqtt.internal.MqttThings.channel;
import static org.cityhub.binding.mqtt.internal.MqttThings.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.test.HandlerHarness;
import org.cityhub.test.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broker connections and devices against a real broker (Moquette) on loopback. */
class MqttBindingTest {

    private static final String AIR = "city/air/w-1";

    private final MqttThings things = new MqttThings();
    private TestBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static List<Map<String, Object>> airChannels() {
        return List.of(
                channel("pm25", "number", "unit", "µg/m³", "stateTopic", AIR + "/state",
                        "transform", List.of("jsonpath:$.pm25", "range:0,1000")),
                channel("temperature", "number", "stateTopic", AIR + "/temperature"),
                channel("fan", "onoff", "readOnly", false, "stateTopic", AIR + "/fan",
                        "transform", "map:1=ON,0=OFF", "commandTopic", AIR + "/fan/set",
                        "commandTransform", "map:ON=1,OFF=0"),
                channel("counts", "number", "stateTopic", "city/counters/+/count"));
    }

    private HandlerHarness onlineBroker(Object... config) {
        HandlerHarness connection = things.broker("city", config.length > 0 ? config(config)
                : config("port", broker.port(), "discovery", false));
        awaitStatus(connection, ThingStatus.ONLINE);
        return connection;
    }

    @Test
    void devicesValuesArriveThroughTransformsAndCommandsGoOut() throws Exception {
        broker = TestBroker.plain();
        HandlerHarness connection = onlineBroker();
        try (TestBroker.Device sensor = broker.device("sensor-w-1")) {
            sensor.listen(AIR + "/fan/set");
            sensor.publish(AIR + "/state", "{\"pm25\": 12.5, \"battery\": 80}");
            sensor.publish(AIR + "/temperature", "21.5 °C");
            sensor.publish(AIR + "/fan", "1");
            sensor.publish("city/counters/harbour/count", "17");
            HandlerHarness air = things.device(connection, "w-1", airChannels());

            air.runUntil(() -> air.states("pm25").size() == 1 && air.states("temperature").size() == 1
                    && air.states("fan").size() == 1 && air.states("counts").size() == 1, WAIT);
            assertThat(air.status().status()).isEqualTo(ThingStatus.ONLINE);
            assertThat(air.state("pm25")).isEqualTo(new NumberValue(new BigDecimal("12.5"), "µg/m³"));
            assertThat(air.state("temperature")).isEqualTo(new NumberValue(new BigDecimal("21.5"), "°C"));
            assertThat(air.state("fan")).isEqualTo(OnOff.ON);
            assertThat(air.state("counts")).isEqualTo(new NumberValue(BigDecimal.valueOf(17), null));

            air.command("fan", OnOff.OFF);
            air.runUntil(() -> !sensor.received.isEmpty(), WAIT);
            assertThat(sensor.received).containsExactly(AIR + "/fan/set 0");
        }
    }

    @Test
    void badPayloadsAreCountedOnTheirChannelAndEverythingElseCarriesOn() throws Exception {
        broker = TestBroker.plain();
        HandlerHarness connection = onlineBroker("port", broker.port(), "discovery", false, "maxPayloadKilobytes", 1);
        try (TestBroker.Device sensor = broker.device("sensor-w-1")) {
            HandlerHarness air = things.device(connection, "w-1", airChannels());
            sensor.publish(AIR + "/state", "{\"pm25\": 12.5}");
            air.runUntil(() -> air.states("pm25").size() == 1, WAIT);

            sensor.publish(AIR + "/state", "pm25=13");
            sensor.publish(AIR + "/state", "{\"pm25\": 99999}");
            sensor.publish(AIR + "/state", new byte[5000]);
            sensor.publish(AIR + "/temperature", "warm");
            sensor.publish(AIR + "/fan", "0");
            air.runUntil(() -> air.states("fan").size() == 1 && air.inputErrors().size() == 4, WAIT);

            assertThat(air.states("pm25")).hasSize(1);
            assertThat(air.inputErrors()).anySatisfy(e -> assertThat(e).startsWith("pm25: ").contains("not JSON"))
                    .anySatisfy(e -> assertThat(e).contains("99999 is out of range"))
                    .anySatisfy(e -> assertThat(e).contains("larger than the broker's maxPayloadKilobytes"))
                    .anySatisfy(e -> assertThat(e).startsWith("temperature: ").contains("'warm'"));
            assertThat(air.state("fan")).isEqualTo(OnOff.OFF);
            assertThat(air.status().status()).isEqualTo(ThingStatus.ONLINE);
            assertThat(connection.status().status()).isEqualTo(ThingStatus.ONLINE);
        }
    }

    @Test
    void theAvailabilityTopicDrivesTheThingsStatus() throws Exception {
        broker = TestBroker.plain();
        HandlerHarness connection = onlineBroker();
        try (TestBroker.Device sensor = broker.device("sensor-w-1")) {
            HandlerHarness air = things.device(connection, "w-1", airChannels(), "availabilityTopic", AIR + "/status",
                    "payloadAvailable", "online", "payloadNotAvailable", "offline");
            assertThat(air.status().status()).isEqualTo(ThingStatus.UNKNOWN);

            sensor.publish(AIR + "/status", "online");
            awaitStatus(air, ThingStatus.ONLINE);
            sensor.publish(AIR + "/status", "offline");
            awaitStatus(air, ThingStatus.OFFLINE);
            assertThat(air.status().message()).contains("the device says it is offline");
        }
    }

    @Test
    void theConnectionComesBackByItselfAfterTheBrokerRestarts() throws Exception {
        broker = TestBroker.plain();
        HandlerHarness connection = onlineBroker("port", broker.port(), "discovery", false, "keepAliveSeconds", 5);
        HandlerHarness air = things.device(connection, "w-1", airChannels());

        broker.stop();
        awaitStatus(connection, ThingStatus.OFFLINE);
        assertThat(connection.status().detail()).isEqualTo(ThingStatusDetail.COMMUNICATION_ERROR);
        assertThat(connection.status().message()).contains("tcp://127.0.0.1:" + broker.port());
        advanceUntil(connection, () -> connection.status().message().contains("failure 2"));
        assertThat(connection.status().message()).contains("cannot connect");

        broker.start();
        advanceUntil(connection, () -> connection.status().status() == ThingStatus.ONLINE);
        try (TestBroker.Device sensor = broker.device("sensor-w-1")) {
            sensor.publish(AIR + "/state", "{\"pm25\": 30}");
            air.runUntil(() -> air.states("pm25").size() == 1, WAIT);
        }
        assertThat(air.state("pm25")).isEqualTo(new NumberValue(BigDecimal.valueOf(30), "µg/m³"));
    }

    @Test
    void aRefusedPasswordIsAConfigurationErrorThatSaysSo(@TempDir Path folder) throws Exception {
        broker = TestBroker.withUser(folder, "hub", "s3cret");
        HandlerHarness wrong = things.broker("wrong", config("port", broker.port(), "username", "hub",
                "password", "guess", "discovery", false));
        awaitStatus(wrong, ThingStatus.OFFLINE);
        assertThat(wrong.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(wrong.status().message()).contains("refused the user name or password").doesNotContain("guess");

        HandlerHarness right = things.broker("right", config("port", broker.port(), "username", "hub",
                "password", "s3cret", "discovery", false));
        awaitStatus(right, ThingStatus.ONLINE);
    }

    /** Issue 17, item 3: each connection attempt asks the outbound policy; a refusal is a configuration error. */
    @Test
    void aBrokerTheOutboundPolicyRefusesIsAConfigurationErrorUntilThePolicyChanges() throws Exception {
        broker = TestBroker.plain();
        things.outbound.refuse("127.0.0.1");

        HandlerHarness refused = things.broker("internal", config("port", broker.port(), "discovery", false));
        awaitStatus(refused, ThingStatus.OFFLINE);
        assertThat(refused.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(refused.status().message()).contains("the outbound policy refuses 127.0.0.1 port " + broker.port());

        things.outbound.admitAll();
        refused.scheduler().advance(Duration.ofSeconds(5));
        awaitStatus(refused, ThingStatus.ONLINE);
        assertThat(things.outbound.checks()).isEqualTo(2);
    }

    @Test
    void tlsTrustsTheConfiguredAuthorityOnlyAndChecksTheHostName(@TempDir Path folder) throws Exception {
        TestCertificates certificates = TestCertificates.create(folder);
        broker = TestBroker.withTls(certificates);

        HandlerHarness trusting = things.broker("trusting", config("host", "localhost", "port", broker.port(),
                "secure", true, "caCertificate", certificates.caCertificate().toString(), "discovery", false));
        awaitStatus(trusting, ThingStatus.ONLINE);

        HandlerHarness stranger = things.broker("stranger", config("host", "localhost", "port", broker.port(),
                "secure", true, "discovery", false));
        awaitStatus(stranger, ThingStatus.OFFLINE);
        assertThat(stranger.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);

        HandlerHarness misnamed = things.broker("misnamed", config("host", "127.0.0.2", "port", broker.port(),
                "secure", true, "caCertificate", certificates.caCertificate().toString(), "discovery", false));
        awaitStatus(misnamed, ThingStatus.OFFLINE);
        assertThat(misnamed.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        HandlerHarness unverified = things.broker("unverified", config("host", "127.0.0.2", "port", broker.port(),
                "secure", true, "caCertificate", certificates.caCertificate().toString(), "hostnameVerification", false,
                "discovery", false));
        awaitStatus(unverified, ThingStatus.ONLINE);

        HandlerHarness broken = things.broker("broken", config("port", broker.port(), "secure", true,
                "caCertificate", folder.resolve("missing.pem").toString()));
        assertThat(broken.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(broken.status().message()).contains("caCertificate: cannot read");
    }

    @Test
    void malformedChannelsAreRefusedWithEveryProblem() throws Exception {
        broker = TestBroker.plain();
        HandlerHarness connection = onlineBroker();
        HandlerHarness bad = things.device(connection, "bad", List.of(
                channel("a", "number", "stateTopic", "city/#/x"),
                channel("b", "onoff", "readOnly", false, "stateTopic", "city/b"),
                channel("c", "number", "stateTopic", "city/c", "transform", "jsonpath:c")));

        assertThat(bad.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(bad.status().message()).contains("channel a: stateTopic 'city/#/x'")
                .contains("channel b is writable but has no commandTopic").contains("channel c: ");
    }

    /** Moves the virtual clock a second at a time (reconnect attempts wait on it) until the condition holds. */
    private static void advanceUntil(HandlerHarness thing, java.util.function.BooleanSupplier condition) {
        thing.runUntil(() -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            thing.scheduler().advance(Duration.ofSeconds(1));
            return false;
        }, Duration.ofSeconds(60));
    }
}
