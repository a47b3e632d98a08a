package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingUID;
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
import org.ops4j.pax.exam.spi.reactors.PerMethod;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The MQTT binding in the distribution against a real broker (Moquette, started in the test driver's JVM): a things
 * file points the hub at the broker and an air-quality sensor's JSON reaches /api/things and /api/events; bad
 * payloads are counted on the thing; commands reach the device; a device announcing itself with Home Assistant
 * discovery appears in the inbox and, approved, becomes a working thing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class MqttBindingIT extends HubTestSupport {

    private static final String PORT = "cityhub.test.mqtt.port";
    private static final ThingUID SENSOR = ThingUID.parse("mqtt:topic:air-harbour");

    @Inject
    private ThingRegistry things;

    @Inject
    private SessionFactory sessions;

    private MqttClient device;
    private final List<String> commands = new CopyOnWriteArrayList<>();

    @Configuration
    public Option[] configuration() throws IOException {
        return CityHubDistribution.options(systemProperty(PORT).value(TestMqttBroker.start()));
    }

    @Before
    public void connectTheDevice() throws MqttException {
        device = new MqttClient("tcp://127.0.0.1:" + System.getProperty(PORT), "itest-device", new MemoryPersistence());
        device.connect();
        device.subscribe("city/air/harbour/fan/set", 1, (topic, message) -> commands.add(new String(message.getPayload(),
                StandardCharsets.UTF_8)));
    }

    @After
    public void disconnect() throws Exception {
        Files.deleteIfExists(thingsFile());
        device.disconnect();
        device.close();
    }

    @Test
    public void aThingsFilePointsTheHubAtABrokerAndTheSensorsValuesReachTheApi() throws Exception {
        try (HubClient.SseRecorder events = hub.record("?topics=cityhub/things/" + SENSOR + "/channels/pm25/state")) {
            Files.writeString(thingsFile(), "{\"things\": [\n"
                    + "  {\"uid\": \"mqtt:broker:city\", \"label\": \"City broker\", \"configuration\": {\"host\": \"127.0.0.1\","
                    + "   \"port\": " + System.getProperty(PORT) + "}},\n"
                    + "  {\"uid\": \"" + SENSOR + "\", \"label\": \"Air quality, harbour\", \"department\": \"environment\","
                    + "   \"bridgeUID\": \"mqtt:broker:city\", \"configuration\": {\"availabilityTopic\": \"city/air/harbour/status\","
                    + "   \"channels\": ["
                    + "    {\"id\": \"pm25\", \"itemType\": \"number\", \"unit\": \"µg/m³\", \"stateTopic\": \"city/air/harbour\","
                    + "     \"transform\": [\"jsonpath:$.pm25\", \"range:0,1000\"]},"
                    + "    {\"id\": \"temperature\", \"itemType\": \"number\", \"unit\": \"°C\", \"stateTopic\": \"city/air/harbour\","
                    + "     \"transform\": \"jsonpath:$.temperature\"},"
                    + "    {\"id\": \"fan\", \"itemType\": \"onoff\", \"readOnly\": false, \"commandTopic\": \"city/air/harbour/fan/set\","
                    + "     \"commandTransform\": \"map:ON=1,OFF=0\"}]}}\n]}");
            await("broker online").atMost(PATIENCE)
                    .until(() -> things.getStatus(ThingUID.parse("mqtt:broker:city")).status() == ThingStatus.ONLINE);
            await("subscribed").atMost(PATIENCE).until(() -> things.getStatus(SENSOR).status() == ThingStatus.UNKNOWN);
            publish("city/air/harbour/status", "online");
            await("sensor online").atMost(PATIENCE).until(() -> things.getStatus(SENSOR).status() == ThingStatus.ONLINE);

            publish("city/air/harbour", "{\"pm25\": 12.5, \"temperature\": 21.5, \"humidity\": 40}");
            await("values").atMost(PATIENCE).until(() -> hub.get("/things/" + SENSOR).body().at("/states/pm25/value")
                    .asDouble() == 12.5);
            JsonNode sensor = hub.get("/things/" + SENSOR).body();
            assertThat(sensor.at("/states/temperature/value").asDouble()).isEqualTo(21.5);
            assertThat(sensor.at("/states/temperature/unit").asText()).isEqualTo("°C");
            await("state event").atMost(PATIENCE).until(() -> events.count("state") >= 1);
        }

        publish("city/air/harbour", "{\"pm25\": 5000, \"temperature\": 22}");
        publish("city/air/harbour", "not json at all");
        await("bad payloads counted").atMost(PATIENCE)
                .until(() -> hub.get("/things/" + SENSOR).body().at("/inputErrors/count").asInt() >= 3);
        JsonNode sensor = hub.get("/things/" + SENSOR).body();
        assertThat(sensor.at("/inputErrors/channels/pm25").asInt()).isEqualTo(2);
        assertThat(sensor.at("/states/pm25/value").asDouble()).isEqualTo(12.5);
        assertThat(sensor.at("/states/temperature/value").asInt()).isEqualTo(22);
        assertThat(sensor.at("/status/status").asText()).isEqualTo("ONLINE");
        assertThat(ConsoleSession.execute(sessions, "cityhub:thing " + SENSOR)).contains("Input errors  3");

        assertThat(hub.postJson("/things/" + SENSOR + "/channels/fan/command", "{\"command\": \"ON\"}").status())
                .isEqualTo(202);
        await("command published").atMost(PATIENCE).until(() -> commands.contains("1"));

        publish("city/air/harbour/status", "offline");
        await("sensor offline").atMost(PATIENCE).until(() -> things.getStatus(SENSOR).status() == ThingStatus.OFFLINE);
    }

    @Test
    public void aDeviceAnnouncingItselfAppearsInTheInboxAndBecomesAThing() throws Exception {
        assertThat(hub.postJson("/things", "{\"uid\": \"mqtt:broker:discovery\", \"label\": \"Discovery broker\","
                + " \"configuration\": {\"host\": \"127.0.0.1\", \"port\": " + System.getProperty(PORT) + "}}").status())
                .isEqualTo(201);
        await("broker online").atMost(PATIENCE)
                .until(() -> things.getStatus(ThingUID.parse("mqtt:broker:discovery")).status() == ThingStatus.ONLINE);
        publish("homeassistant/sensor/gauge-12/level/config", "{\"name\": \"Water level\", \"stat_t\": \"gauges/12\","
                + " \"unit_of_meas\": \"cm\", \"val_tpl\": \"{{ value_json.level }}\","
                + " \"dev\": {\"ids\": [\"gauge-12\"], \"name\": \"Gauge 12, north quay\", \"mf\": \"Hydro\"}}");

        await("in the inbox").atMost(PATIENCE).until(() -> hub.get("/inbox").body().toString()
                .contains("mqtt:topic:gauge-12"));
        assertThat(hub.postJson("/inbox/mqtt:topic:gauge-12/approve", "{}").status()).isEqualTo(201);
        ThingUID gauge = ThingUID.parse("mqtt:topic:gauge-12");
        await("gauge online").atMost(PATIENCE).until(() -> things.getStatus(gauge).status() == ThingStatus.ONLINE);
        publish("gauges/12", "{\"level\": 231}");
        await("level").atMost(PATIENCE).until(() -> hub.get("/things/" + gauge).body().at("/states/level/value")
                .asInt() == 231);
        assertThat(hub.get("/things/" + gauge).body().at("/label").asText()).isEqualTo("Gauge 12, north quay");
        publish("homeassistant/sensor/gauge-12/level/config", "");
    }

    /** docs/bindings/mqtt.md: while the broker is away its devices show BRIDGE_OFFLINE, and come back by themselves. */
    @Test
    public void devicesShowBridgeOfflineWhileTheirBrokerIsAwayAndComeBackByThemselves() throws Exception {
        ThingUID broker = ThingUID.parse("mqtt:broker:relayed");
        ThingUID gauge = ThingUID.parse("mqtt:topic:gauge-relayed");
        try (TcpRelay relay = TcpRelay.to("127.0.0.1", Integer.parseInt(System.getProperty(PORT)))) {
            assertThat(hub.postJson("/things", "{\"uid\": \"" + broker + "\", \"label\": \"Relayed broker\","
                    + " \"configuration\": {\"host\": \"127.0.0.1\", \"port\": " + relay.port() + ", \"discovery\": false,"
                    + " \"keepAliveSeconds\": 5, \"maxReconnectSeconds\": 1}}").status()).isEqualTo(201);
            assertThat(hub.postJson("/things", "{\"uid\": \"" + gauge + "\", \"label\": \"Gauge\","
                    + " \"bridgeUID\": \"" + broker + "\", \"configuration\": {\"channels\": [{\"id\": \"level\","
                    + " \"itemType\": \"number\", \"stateTopic\": \"gauges/relayed\"}]}}").status()).isEqualTo(201);
            await("broker online").atMost(PATIENCE).until(() -> things.getStatus(broker).status() == ThingStatus.ONLINE);
            await("gauge subscribed").atMost(PATIENCE).until(() -> {
                publish("gauges/relayed", "1");
                return hub.get("/things/" + gauge).body().at("/states/level/value").asInt() == 1;
            });

            relay.cut();
            await("broker offline").atMost(PATIENCE).until(() -> things.getStatus(broker).status() == ThingStatus.OFFLINE);
            await("gauge bridge offline").atMost(PATIENCE)
                    .until(() -> things.getStatus(gauge).detail() == ThingStatusDetail.BRIDGE_OFFLINE);
            assertThat(things.getStatus(gauge).status()).isEqualTo(ThingStatus.OFFLINE);
            assertThat(hub.get("/things/" + gauge).body().at("/status/detail").asText()).isEqualTo("BRIDGE_OFFLINE");

            relay.restore();
            await("broker back").atMost(PATIENCE).until(() -> things.getStatus(broker).status() == ThingStatus.ONLINE);
            await("gauge back").atMost(PATIENCE)
                    .until(() -> things.getStatus(gauge).detail() != ThingStatusDetail.BRIDGE_OFFLINE);
            publish("gauges/relayed", "2");
            await("values flow again").atMost(PATIENCE)
                    .until(() -> hub.get("/things/" + gauge).body().at("/states/level/value").asInt() == 2);
        } finally {
            hub.delete("/things/" + gauge);
            hub.delete("/things/" + broker);
        }
    }

    private void publish(String topic, String payload) throws MqttException {
        device.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
    }

    private static Path thingsFile() {
        return Path.of(System.getProperty("karaf.etc"), "things", "mqtt-city.json");
    }
}
