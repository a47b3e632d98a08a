package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.itests.HubClient.Answer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 20's "done means", for the homes' gateways: a Zigbee2MQTT gateway on the city's broker (a real one, in the
 * test driver) brings a flat's devices into the inbox; an admin gives the smoke alarm to its household; the resident
 * reads its state, no department does; the gateway's garbage marks that thing alone.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class Zigbee2MqttIT extends HubTestSupport {

    private static final String PORT = "cityhub.test.mqtt.port";
    private static final String FLAT = "xixi-7-502";
    private static final String SMOKE = "mqtt:zigbee2mqtt:00158d0001a2b501";
    private static final String SOS = "mqtt:zigbee2mqtt:00124b0022cc3507";
    private static final String DEVICES = "[{\"ieee_address\": \"0x00124b0014d9a1f0\", \"type\": \"Coordinator\","
            + " \"friendly_name\": \"Coordinator\", \"interview_completed\": true, \"supported\": true, \"definition\": null},"
            + " {\"ieee_address\": \"0x00158d0001a2b501\", \"type\": \"EndDevice\", \"friendly_name\": \"" + FLAT + "/smoke\","
            + " \"interview_completed\": true, \"supported\": true, \"definition\": {\"model\": \"JTYJ-GD-01LM/BW\","
            + " \"vendor\": \"Aqara\", \"description\": \"Smoke detector\", \"exposes\": ["
            + " {\"type\": \"binary\", \"name\": \"smoke\", \"label\": \"Smoke\", \"property\": \"smoke\", \"access\": 1,"
            + " \"value_on\": true, \"value_off\": false},"
            + " {\"type\": \"numeric\", \"name\": \"battery\", \"property\": \"battery\", \"access\": 1, \"unit\": \"%\","
            + " \"value_min\": 0, \"value_max\": 100}]}},"
            + " {\"ieee_address\": \"0x00124b0022cc3507\", \"type\": \"EndDevice\", \"friendly_name\": \"" + FLAT + "/sos\","
            + " \"interview_completed\": true, \"supported\": true, \"definition\": {\"model\": \"HS1EB/HS1EB-E\","
            + " \"vendor\": \"HEIMAN\", \"description\": \"Smart emergency button\", \"exposes\": ["
            + " {\"type\": \"enum\", \"name\": \"action\", \"property\": \"action\", \"access\": 1,"
            + " \"values\": [\"emergency\"]}]}}]";

    private MqttClient gateway;

    @Configuration
    public Option[] configuration() throws IOException {
        return CityHubDistribution.options(systemProperty(PORT).value(TestMqttBroker.start()));
    }

    @Before
    public void connectTheGateway() throws MqttException {
        gateway = new MqttClient("tcp://127.0.0.1:" + System.getProperty(PORT), "itest-zigbee2mqtt",
                new MemoryPersistence());
        gateway.connect();
    }

    @After
    public void disconnect() throws MqttException {
        publish("zigbee2mqtt/bridge/devices", "", true); // other tests' hubs share the broker
        gateway.disconnect();
        gateway.close();
    }

    @Test
    public void aGatewaysDevicesComeThroughTheInboxIntoTheHouseholdAndOnlyItsResidentSeesThem() throws Exception {
        publish("zigbee2mqtt/bridge/devices", DEVICES, true);
        Answer broker = hub.postJson("/things", "{\"uid\": \"mqtt:broker:homes\", \"label\": \"Homes' broker\","
                + " \"configuration\": {\"host\": \"127.0.0.1\", \"port\": " + System.getProperty(PORT) + "}}");
        assertThat(broker.status()).as(broker.body().toString()).isIn(201, 202);
        await("the gateway's devices in the inbox").atMost(PATIENCE).until(() -> hub.get("/inbox").body().toString()
                .contains(SMOKE) && hub.get("/inbox").body().toString().contains(SOS));
        HubClient resident = hub.as(residentToken(FLAT));
        HubClient office = hub.as(token(Role.INTEGRATOR, DepartmentScope.ALL));

        assertThat(office.postJson("/inbox/" + SMOKE + "/approve", "{\"household\": \"" + FLAT + "\"}").status())
                .as("a home's device goes to its household by an admin's hand").isEqualTo(403);
        Answer approved = hub.postJson("/inbox/" + SMOKE + "/approve", "{\"household\": \"" + FLAT + "\", \"label\":"
                + " \"厨房烟雾报警器\"}");
        assertThat(approved.status()).as(approved.body().toString()).isEqualTo(201);
        assertThat(approved.body().get("household").asText()).isEqualTo(FLAT);
        await("the smoke alarm online").atMost(PATIENCE).until(() -> resident.get("/things/" + SMOKE).body()
                .at("/status/status").asText().equals("ONLINE"));

        publish("zigbee2mqtt/" + FLAT + "/smoke", "{\"smoke\": true, \"battery\": 88}", false);
        await("the resident reads the alarm").atMost(PATIENCE).until(() -> resident.get("/things/" + SMOKE).body()
                .at("/states/smoke/value").asText().equals("ON"));
        JsonNode alarm = resident.get("/things/" + SMOKE).body();
        assertThat(alarm.at("/label").asText()).isEqualTo("厨房烟雾报警器");
        assertThat(alarm.at("/states/battery/unit").asText()).isEqualTo("%");
        assertThat(office.get("/things/" + SMOKE).status()).as("no department without consent").isEqualTo(404);

        publish("zigbee2mqtt/" + FLAT + "/smoke", "\u00ff\u00fe not json", false);
        await("garbage counted on the alarm").atMost(PATIENCE).until(() -> resident.get("/things/" + SMOKE).body()
                .at("/inputErrors/count").asInt() >= 1);
        assertThat(resident.get("/things/" + SMOKE).body().at("/status/status").asText()).isEqualTo("ONLINE");
        assertThat(hub.get("/things/mqtt:broker:homes").body().at("/inputErrors/count").asInt()).isZero();
    }

    /** The demo's simulated community gateway speaks Zigbee2MQTT well enough for the binding to take it in. */
    @Test
    public void theSimulatedHomeGatewaysDevicesTakeTheRealMqttPath() throws Exception {
        String port = System.getProperty(PORT);
        Answer broker = hub.postJson("/things", "{\"uid\": \"mqtt:broker:court\", \"label\": \"Court broker\","
                + " \"configuration\": {\"host\": \"127.0.0.1\", \"port\": " + port + ", \"zigbee2mqttBaseTopic\":"
                + " \"court2mqtt\"}}");
        assertThat(broker.status()).as(broker.body().toString()).isIn(201, 202);
        Answer gateway = hub.postJson("/things", "{\"uid\": \"simulator:homegateway:court\", \"label\": \"Court\","
                + " \"configuration\": {\"port\": " + port + ", \"baseTopic\": \"court2mqtt\", \"community\": \"court\","
                + " \"homes\": 2, \"intervalSeconds\": 1}}");
        assertThat(gateway.status()).as(gateway.body().toString()).isIn(201, 202);
        String plug = "mqtt:zigbee2mqtt:00158d0000020003";
        await("two flats' ten devices in the inbox").atMost(PATIENCE).until(() -> countCourtDevices() == 10);

        residentToken(FLAT); // the household, made if it is not there yet
        assertThat(hub.postJson("/inbox/" + plug + "/approve", "{\"household\": \"" + FLAT + "\"}").status())
                .isEqualTo(201);
        await("the plug's power").atMost(PATIENCE).until(() -> hub.get("/things/" + plug).body()
                .at("/states/power/unit").asText().equals("W"));
        assertThat(hub.postJson("/things/" + plug + "/channels/state/command", "{\"command\": \"OFF\"}").status())
                .isEqualTo(202);
        await("the plug switched off, as the gateway answered").atMost(PATIENCE).until(() -> hub.get("/things/"
                + plug).body().at("/states/state/value").asText().equals("OFF"));
        assertThat(hub.get("/things/simulator:homegateway:court").body().at("/states/messages/value").asInt())
                .isGreaterThan(10);
    }

    private long countCourtDevices() {
        JsonNode inbox = hub.get("/inbox").body();
        long count = 0;
        for (JsonNode entry : inbox) {
            if (entry.toString().contains("mqtt:broker:court") && entry.toString().contains("zigbee2mqtt")) {
                count++;
            }
        }
        return count;
    }

    private void publish(String topic, String payload, boolean retained) throws MqttException {
        gateway.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
    }
}
