package org.cityhub.binding.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cityhub.binding.mqtt.internal.MqttThings.WAIT;
import static org.cityhub.binding.mqtt.internal.MqttThings.awaitStatus;
import static org.cityhub.binding.mqtt.internal.MqttThings.config;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.discovery.DiscoveryListener;
import org.cityhub.api.discovery.DiscoveryResult;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.test.HandlerHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Devices announcing themselves with Home Assistant discovery, through a real broker, into the inbox. */
class HomeAssistantDiscoveryTest {

    private static final ThingUID DEVICE = ThingUID.parse("mqtt:topic:aq-0042");

    private final MqttThings things = new MqttThings();
    private final Map<ThingUID, DiscoveryResult> inbox = new ConcurrentHashMap<>();
    private TestBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void announcedEntitiesBecomeOneInboxEntryPerDeviceWithAChannelEach() throws Exception {
        broker = TestBroker.plain();
        things.discovery.scan(new DiscoveryListener() {
            @Override
            public void discovered(DiscoveryResult result) {
                inbox.put(result.thingUID(), result);
            }

            @Override
            public void vanished(ThingUID thingUID) {
                inbox.remove(thingUID);
            }
        });
        HandlerHarness connection = things.broker("city", config("port", broker.port()));
        awaitStatus(connection, ThingStatus.ONLINE);
        String device = "\"dev\": {\"ids\": [\"aq-0042\"], \"name\": \"Air station Harbour\", \"mf\": \"Acme\","
                + " \"mdl\": \"AQ-2\"}";
        try (TestBroker.Device station = broker.device("aq-0042")) {
            station.publish("homeassistant/sensor/aq-0042/pm25/config", "{\"name\": \"PM2.5\", \"~\": \"aq/0042\","
                    + " \"stat_t\": \"~/state\", \"unit_of_meas\": \"µg/m³\", \"val_tpl\": \"{{ value_json.pm25 | float }}\","
                    + " \"uniq_id\": \"aq-0042-pm25\", \"avty_t\": \"~/status\", " + device + "}");
            station.publish("homeassistant/switch/aq-0042/fan/config", "{\"name\": \"Fan\", \"stat_t\": \"aq/0042/fan\","
                    + " \"cmd_t\": \"aq/0042/fan/set\", \"pl_on\": \"1\", \"pl_off\": \"0\", " + device + "}");

            connection.runUntil(() -> inbox.containsKey(DEVICE)
                    && ((List<?>) inbox.get(DEVICE).configuration().get("channels")).size() == 2, WAIT);
            DiscoveryResult result = inbox.get(DEVICE);
            assertThat(result.label()).isEqualTo("Air station Harbour");
            assertThat(result.bridgeUID()).isEqualTo(ThingUID.parse("mqtt:broker:city"));
            assertThat(result.properties()).containsEntry("manufacturer", "Acme").containsEntry("model", "AQ-2");
            assertThat(result.configuration()).containsEntry("availabilityTopic", "aq/0042/status");
            assertThat(result.configuration().get("channels")).asList().containsExactly(
                    Map.of("id", "pm25", "label", "PM2.5", "itemType", "number", "unit", "µg/m³",
                            "stateTopic", "aq/0042/state", "transform", List.of("jsonpath:$.pm25")),
                    Map.of("id", "fan", "label", "Fan", "itemType", "onoff", "stateTopic", "aq/0042/fan",
                            "transform", List.of("map:1=ON,0=OFF"), "commandTopic", "aq/0042/fan/set", "readOnly", false,
                            "commandTransform", List.of("map:ON=1,OFF=0")));

            station.publish("homeassistant/sensor/aq-0042/pm25/config", "");
            station.publish("homeassistant/switch/aq-0042/fan/config", "");
            connection.runUntil(() -> !inbox.containsKey(DEVICE), WAIT);
        }
    }

    @Test
    void templatesBeyondAJsonPathAreRefusedWithAHint() {
        assertThat(HomeAssistantAnnouncement.template("{{ value_json['pm2.5'] }}")).containsExactly("jsonpath:$['pm2.5']");
        assertThat(HomeAssistantAnnouncement.template("{{ value }}")).isEmpty();
        assertThatThrownBy(() -> HomeAssistantAnnouncement.template("{% if value > 3 %}high{% endif %}"))
                .hasMessageContaining("set the channel's transform by hand");
    }
}
