package org.cityhub.binding.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityhub.binding.mqtt.internal.MqttThings.WAIT;
import static org.cityhub.binding.mqtt.internal.MqttThings.awaitStatus;
import static org.cityhub.binding.mqtt.internal.MqttThings.channel;
import static org.cityhub.binding.mqtt.internal.MqttThings.config;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.test.HandlerHarness;
import org.cityhub.test.TestCertificates;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binding against Eclipse Mosquitto, a broker it was not built on (the other tests use Moquette): QoS 1 and 2,
 * retained commands, a persistent session that keeps what was sent while the hub was away, and client certificates.
 */
class MosquittoPeerTest {

    private static final String LAMP = "city/lights/pier-4";

    private final MqttThings things = new MqttThings();
    private Mosquitto mosquitto;

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    private static List<Map<String, Object>> lampChannels(int qos) {
        return List.of(
                channel("power", "number", "unit", "W", "stateTopic", LAMP + "/power", "qos", qos),
                channel("light", "onoff", "readOnly", false, "commandTopic", LAMP + "/set", "qos", qos,
                        "retain", true));
    }

    @Test
    void qosTwoCommandsAreRetainedByTheBrokerAndQosOneStatesArrive() throws Exception {
        mosquitto = Mosquitto.start(folder);
        HandlerHarness connection = things.broker("city", config("port", mosquitto.port(), "discovery", false));
        awaitStatus(connection, ThingStatus.ONLINE);
        HandlerHarness lamp = things.device(connection, "pier-4", lampChannels(2));
        try (TestBroker.Device device = mosquitto.device("lamp-pier-4")) {
            awaitSubscribed(lamp, LAMP + "/power", 2);
            device.client.publish(LAMP + "/power", "18.5".getBytes(StandardCharsets.UTF_8), 1, false);
            lamp.runUntil(() -> !lamp.states("power").isEmpty(), WAIT);
            assertThat(lamp.states("power")).containsExactly(new NumberValue(new BigDecimal("18.5"), "W"));

            lamp.command("light", OnOff.ON);
            lamp.runUntil(() -> mosquitto.log().contains("Received PUBLISH from cityhub-city (d0, q2, r1, m"), WAIT);
        }
        // a lamp that connects later still gets the command, at the QoS it asked for, marked retained
        try (TestBroker.Device late = mosquitto.device("lamp-pier-4-late")) {
            BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            late.client.subscribe(LAMP + "/set", 2, (topic, message) -> received.add(message));
            MqttMessage command = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(command).as("the retained command").isNotNull();
            assertThat(new String(command.getPayload(), StandardCharsets.UTF_8)).isEqualTo("ON");
            assertThat(command.isRetained()).isTrue();
            assertThat(command.getQos()).isEqualTo(2);
        }
    }

    @Test
    void aPersistentSessionDeliversWhatDevicesSentWhileTheHubWasAway() throws Exception {
        mosquitto = Mosquitto.start(folder);
        Map<String, Object> persistent = config("port", mosquitto.port(), "discovery", false, "cleanSession", false,
                "clientId", "cityhub-persistent");
        HandlerHarness connection = things.broker("city", persistent);
        awaitStatus(connection, ThingStatus.ONLINE);
        HandlerHarness lamp = things.device(connection, "pier-4", lampChannels(1));
        try (TestBroker.Device device = mosquitto.device("lamp-pier-4")) {
            awaitSubscribed(lamp, LAMP + "/power", 1);
            lamp.dispose();
            connection.dispose();

            for (int watts = 1; watts <= 3; watts++) {
                device.client.publish(LAMP + "/power", Integer.toString(watts).getBytes(StandardCharsets.UTF_8), 1,
                        false);
            }
        }
        HandlerHarness again = things.broker("city", config("port", mosquitto.port(), "discovery", false,
                "cleanSession", false, "clientId", "cityhub-persistent"));
        // as in the hub, the devices start once their connection is online: the queued messages are there first
        awaitStatus(again, ThingStatus.ONLINE);
        again.runUntil(() -> mosquitto.log().contains("Sending PUBLISH to cityhub-persistent (d0, q1, r0, m3,"), WAIT);
        HandlerHarness lampAgain = things.device(again, "pier-4", lampChannels(1));
        lampAgain.runUntil(() -> lampAgain.states("power").size() == 3, WAIT);
        assertThat(lampAgain.states("power")).containsExactly(new NumberValue(BigDecimal.ONE, "W"),
                new NumberValue(BigDecimal.valueOf(2), "W"), new NumberValue(BigDecimal.valueOf(3), "W"));
    }

    @Test
    void mosquittoAdmitsTheHubByItsClientCertificateAndRefusesItWithout() throws Exception {
        TestCertificates certificates = TestCertificates.create(folder);
        mosquitto = Mosquitto.start(folder, "cafile " + certificates.caCertificate(),
                "certfile " + certificates.serverCertificate(), "keyfile " + certificates.serverKey(),
                "require_certificate true", "use_identity_as_username true", "allow_anonymous false");

        HandlerHarness identified = things.broker("identified", config("host", "localhost", "port", mosquitto.port(),
                "secure", true, "caCertificate", certificates.caCertificate().toString(),
                "clientCertificate", certificates.clientCertificate().toString(),
                "clientKey", certificates.clientKey().toString(), "discovery", false));
        awaitStatus(identified, ThingStatus.ONLINE);
        assertThat(mosquitto.log()).contains("as cityhub-identified").contains("u'cityhub-test-client'");

        HandlerHarness anonymous = things.broker("anonymous", config("host", "localhost", "port", mosquitto.port(),
                "secure", true, "caCertificate", certificates.caCertificate().toString(), "discovery", false));
        awaitStatus(anonymous, ThingStatus.OFFLINE);
        assertThat(anonymous.status().message()).contains("ssl://localhost:" + mosquitto.port());
    }

    /** Waits until Mosquitto logs the thing's subscription to the topic at the QoS. */
    private void awaitSubscribed(HandlerHarness thing, String topic, int qos) {
        thing.runUntil(() -> mosquitto.log().contains("\t" + topic + " (QoS " + qos + ")"), WAIT);
    }
}
