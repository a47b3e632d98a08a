package org.cityhub.binding.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityhub.binding.mqtt.internal.MqttThings.WAIT;
import static org.cityhub.binding.mqtt.internal.MqttThings.awaitStatus;
import static org.cityhub.binding.mqtt.internal.MqttThings.config;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.discovery.DiscoveryListener;
import org.cityhub.api.discovery.DiscoveryResult;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.OpenClosed;
import org.cityhub.api.types.Text;
import org.cityhub.test.HandlerHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Zigbee2MQTT gateway's documented messages, replayed through a real broker: its retained device list (a smoke
 * alarm, a water-leak sensor, a door contact, a metering plug, a dimmable bulb, a radiator thermostat, an SOS
 * button, one device with a broken description and one still being interviewed) becomes inbox entries with
 * channels from their exposes; the approved things read states, send commands, follow availability and renames.
 */
class Zigbee2MqttTest {

    private static final ThingUID SMOKE = ThingUID.parse("mqtt:zigbee2mqtt:00158d0001a2b301");
    private static final ThingUID DOOR = ThingUID.parse("mqtt:zigbee2mqtt:00158d0001a2b303");
    private static final ThingUID PLUG = ThingUID.parse("mqtt:zigbee2mqtt:a4c1380011aa3304");
    private static final ThingUID BULB = ThingUID.parse("mqtt:zigbee2mqtt:000d6ffffe0a3305");
    private static final ThingUID RADIATOR = ThingUID.parse("mqtt:zigbee2mqtt:847127fffe3b3306");
    private static final ThingUID SOS = ThingUID.parse("mqtt:zigbee2mqtt:00124b0022cc3307");
    private static final ThingUID ODD = ThingUID.parse("mqtt:zigbee2mqtt:00124b0022cc3308");

    private final MqttThings things = new MqttThings();
    private final Map<ThingUID, DiscoveryResult> inbox = new ConcurrentHashMap<>();
    private TestBroker broker;
    private TestBroker.Device gateway;
    private HandlerHarness connection;
    private String devices;

    @BeforeEach
    void gatewayOnABroker() throws Exception {
        broker = TestBroker.plain();
        gateway = broker.device("zigbee2mqtt-gateway");
        devices = resource("zigbee2mqtt/bridge-devices.json");
        gateway.publish("zigbee2mqtt/bridge/devices", devices);
        things.zigbeeDiscovery.scan(new DiscoveryListener() {
            @Override
            public void discovered(DiscoveryResult result) {
                inbox.put(result.thingUID(), result);
            }

            @Override
            public void vanished(ThingUID thingUID) {
                inbox.remove(thingUID);
            }
        });
        connection = things.broker("home", config("port", broker.port()));
        awaitStatus(connection, ThingStatus.ONLINE);
        connection.runUntil(() -> inbox.size() == 8, WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        broker.close();
    }

    @Test
    void everyInterviewedDeviceIsOfferedWithChannelsFromItsExposes() {
        assertThat(inbox).doesNotContainKey(ThingUID.parse("mqtt:zigbee2mqtt:00124b0022cc3309"))
                .as("not interviewed yet").doesNotContainKey(ThingUID.parse("mqtt:zigbee2mqtt:00124b0014d9a1f0"));
        DiscoveryResult smoke = inbox.get(SMOKE);
        assertThat(smoke.label()).isEqualTo("flat-301/kitchen-smoke (Smoke detector)");
        assertThat(smoke.bridgeUID()).isEqualTo(ThingUID.parse("mqtt:broker:home"));
        assertThat(smoke.properties()).containsEntry("vendor", "Aqara").containsEntry("model", "JTYJ-GD-01LM/BW")
                .containsEntry("friendlyName", "flat-301/kitchen-smoke");
        assertThat(channels(smoke)).first().isEqualTo(Map.of("id", "smoke", "label", "Smoke", "labels",
                Map.of("zh-CN", "烟雾"), "property", "smoke", "readOnly", true, "itemType", "onoff", "valueOn", true,
                "valueOff", false));
        assertThat(channel(smoke, "battery")).containsEntry("unit", "%").containsEntry("min", BigDecimal.ZERO)
                .containsEntry("max", BigDecimal.valueOf(100));
        assertThat(channel(smoke, "sensitivity")).containsEntry("readOnly", false).containsEntry("published", false)
                .containsEntry("options", List.of("low", "medium", "high"));
        assertThat(channel(inbox.get(DOOR), "contact")).containsEntry("itemType", "openclosed");
        assertThat(channel(inbox.get(PLUG), "state")).containsEntry("readOnly", false).containsEntry("valueOn", "ON");
        assertThat(channel(inbox.get(RADIATOR), "current_heating_setpoint")).containsEntry("readOnly", false)
                .containsEntry("unit", "°C").containsEntry("max", BigDecimal.valueOf(35));
        assertThat(channel(inbox.get(RADIATOR), "child_lock")).containsEntry("valueOn", "LOCK");
        assertThat(channel(inbox.get(SOS), "action")).containsEntry("kind", "trigger");
        assertThat(inbox.get(BULB).properties().get("skipped")).contains("color").contains("composite");
        assertThat(inbox.get(ODD).properties().get("problem")).contains("flat-301/odd-sensor")
                .contains("no valid 'property'");
        assertThat(channels(inbox.get(ODD))).as("only that device is marked").isEmpty();
    }

    @Test
    void anApprovedDeviceReadsItsStateCommandsAsJsonAndFollowsAvailability() throws Exception {
        HandlerHarness smoke = things.approved(connection, inbox.get(SMOKE));
        HandlerHarness door = things.approved(connection, inbox.get(DOOR));
        HandlerHarness plug = things.approved(connection, inbox.get(PLUG));
        HandlerHarness radiator = things.approved(connection, inbox.get(RADIATOR));
        HandlerHarness sos = things.approved(connection, inbox.get(SOS));
        awaitStatus(smoke, ThingStatus.ONLINE);
        awaitStatus(sos, ThingStatus.ONLINE);
        gateway.publish("zigbee2mqtt/flat-301/kitchen-smoke", "{\"smoke\": true, \"battery\": 97, \"linkquality\": 72}");
        gateway.publish("zigbee2mqtt/flat-301/front-door", "{\"contact\": false, \"battery\": 100}");
        gateway.publish("zigbee2mqtt/flat-301/kettle-plug", "{\"state\": \"ON\", \"power\": 1830.5, \"energy\": 12.4}");

        // one message, read channel by channel on the client's thread: wait for the last of them
        smoke.runUntil(() -> smoke.states("smoke").contains(OnOff.ON)
                && smoke.states("battery").contains(new NumberValue(BigDecimal.valueOf(97), "%")), WAIT);
        door.runUntil(() -> door.states("contact").contains(OpenClosed.OPEN), WAIT);
        plug.runUntil(() -> plug.states("power").contains(new NumberValue(new BigDecimal("1830.5"), "W")), WAIT);

        gateway.client.publish("zigbee2mqtt/flat-301/sos-button", "{\"action\": \"emergency\"}".getBytes(
                StandardCharsets.UTF_8), 1, false);
        gateway.client.publish("zigbee2mqtt/flat-301/sos-button", "{\"action\": \"emergency\"}".getBytes(
                StandardCharsets.UTF_8), 1, false);
        sos.runUntil(() -> sos.triggers("action").size() == 2, WAIT);

        gateway.listen("zigbee2mqtt/+/+/set");
        plug.command("state", OnOff.OFF);
        radiator.command("current_heating_setpoint", new NumberValue(new BigDecimal("21.5"), "°C"));
        radiator.command("child_lock", OnOff.ON);
        radiator.command("system_mode", new Text("auto"));
        radiator.command("current_heating_setpoint", new NumberValue(new BigDecimal("40"), "°C"));
        plug.runUntil(() -> gateway.received.size() >= 4, WAIT);
        assertThat(gateway.received).containsExactlyInAnyOrder(
                "zigbee2mqtt/flat-301/kettle-plug/set {\"state\":\"OFF\"}",
                "zigbee2mqtt/flat-301/bedroom-radiator/set {\"current_heating_setpoint\":21.5}",
                "zigbee2mqtt/flat-301/bedroom-radiator/set {\"child_lock\":\"LOCK\"}",
                "zigbee2mqtt/flat-301/bedroom-radiator/set {\"system_mode\":\"auto\"}");
        assertThat(radiator.inputErrors()).anySatisfy(error -> assertThat(error)
                .contains("40 is outside the device's range 5 to 35"));

        gateway.publish("zigbee2mqtt/flat-301/kitchen-smoke/availability", "{\"state\": \"offline\"}");
        smoke.runUntil(() -> smoke.status().status() == ThingStatus.OFFLINE, WAIT);
        gateway.publish("zigbee2mqtt/flat-301/kitchen-smoke/availability", "online");
        smoke.runUntil(() -> smoke.status().status() == ThingStatus.ONLINE, WAIT);
    }

    @Test
    void garbageMarksOnlyWhatSentItAndRenamesAndRemovalsAreFollowed() throws Exception {
        HandlerHarness smoke = things.approved(connection, inbox.get(SMOKE));
        HandlerHarness door = things.approved(connection, inbox.get(DOOR));
        awaitStatus(smoke, ThingStatus.ONLINE);
        awaitStatus(door, ThingStatus.ONLINE);

        gateway.publish("zigbee2mqtt/flat-301/kitchen-smoke", "garbage \u0000 from the gateway");
        smoke.runUntil(() -> !smoke.inputErrors().isEmpty(), WAIT);
        assertThat(smoke.inputErrors().get(0)).contains("not a JSON object");
        gateway.publish("zigbee2mqtt/bridge/devices", "[{\"ieee_address\": 42}]");
        connection.runUntil(() -> !connection.inputErrors().isEmpty(), WAIT);
        assertThat(connection.inputErrors().get(0)).contains("bridge/devices").contains("ieee_address");
        assertThat(smoke.status().status()).as("a bad list changes no device").isEqualTo(ThingStatus.ONLINE);
        assertThat(door.inputErrors()).isEmpty();

        ArrayNode list = (ArrayNode) new ObjectMapper().readTree(devices);
        for (int i = list.size() - 1; i >= 0; i--) {
            ObjectNode device = (ObjectNode) list.get(i);
            if (device.get("friendly_name").asText().equals("flat-301/front-door")) {
                list.remove(i);
            } else if (device.get("friendly_name").asText().equals("flat-301/kitchen-smoke")) {
                device.put("friendly_name", "flat-301/厨房烟雾报警器");
            }
        }
        gateway.publish("zigbee2mqtt/bridge/devices", list.toString());
        smoke.runUntil(() -> smoke.status().message() != null && smoke.status().message().contains("厨房"), WAIT);
        gateway.publish("zigbee2mqtt/flat-301/厨房烟雾报警器", "{\"smoke\": true}");
        smoke.runUntil(() -> smoke.states("smoke").contains(OnOff.ON), WAIT);
        door.runUntil(() -> door.status().detail() == ThingStatusDetail.GONE, WAIT);
        assertThat(inbox).doesNotContainKey(DOOR);
        assertThat(inbox.get(SMOKE).properties()).containsEntry("friendlyName", "flat-301/厨房烟雾报警器");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> channels(DiscoveryResult result) {
        return (List<Map<String, Object>>) result.configuration().get("channels");
    }

    private static Map<String, Object> channel(DiscoveryResult result, String id) {
        return channels(result).stream().filter(channel -> channel.get("id").equals(id)).findFirst().orElseThrow();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Zigbee2MqttTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
