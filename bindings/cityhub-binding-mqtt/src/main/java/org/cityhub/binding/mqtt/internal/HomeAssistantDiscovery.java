package org.cityhub.binding.mqtt.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.discovery.DiscoveryListener;
import org.cityhub.api.discovery.DiscoveryResult;
import org.cityhub.api.discovery.DiscoveryService;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Devices that announce themselves with Home Assistant MQTT discovery, offered in the inbox: one {@code mqtt:topic}
 * thing per device (under the broker that heard it), one channel per announced entity. Announcements arrive while
 * brokers are connected; each one updates the device's inbox entry, and a device whose entities are all withdrawn
 * leaves the inbox.
 */
@Component(service = { DiscoveryService.class, HomeAssistantDiscovery.class })
public final class HomeAssistantDiscovery implements DiscoveryService {

    private static final Logger LOG = LoggerFactory.getLogger(HomeAssistantDiscovery.class);

    /** What is known of one device: its entities' channels by discovery topic. */
    private record Device(ThingUID uid, ThingUID broker, String label, Map<String, String> properties,
            Map<String, HomeAssistantAnnouncement> entities) {
    }

    private final Map<ThingUID, Device> devices = new ConcurrentHashMap<>();
    private final Map<String, ThingUID> deviceOfTopic = new ConcurrentHashMap<>();
    private volatile @Nullable DiscoveryListener listener;

    @Override
    public void scan(DiscoveryListener inbox) {
        listener = inbox;
        devices.values().forEach(device -> inbox.discovered(result(device)));
    }

    /** A discovery message arrived on a broker. */
    void announced(ThingUID broker, String prefix, String topic, String payload) {
        Optional<HomeAssistantAnnouncement> announcement;
        try {
            announcement = HomeAssistantAnnouncement.read(prefix, topic, payload);
        } catch (IllegalArgumentException e) {
            LOG.warn("broker {}: discovery message ignored: {}", broker, e.getMessage());
            return;
        }
        String key = broker + " " + topic;
        if (announcement.isEmpty()) {
            withdrawn(key, topic);
            return;
        }
        HomeAssistantAnnouncement entity = announcement.get();
        ThingUID uid = new ThingUID(MqttHandlerFactory.TOPIC, HomeAssistantAnnouncement.sanitize(entity.device()));
        deviceOfTopic.put(key, uid);
        Device device = devices.compute(uid, (id, known) -> {
            Map<String, HomeAssistantAnnouncement> entities = new LinkedHashMap<>(known == null ? Map.of()
                    : known.entities());
            entities.put(topic, entity);
            return new Device(uid, broker, entity.deviceName(), entity.properties(), entities);
        });
        DiscoveryListener inbox = listener;
        if (inbox != null) {
            inbox.discovered(result(device));
        }
    }

    private void withdrawn(String key, String topic) {
        ThingUID uid = deviceOfTopic.remove(key);
        if (uid == null) {
            return;
        }
        Device device = devices.computeIfPresent(uid, (id, known) -> {
            Map<String, HomeAssistantAnnouncement> entities = new LinkedHashMap<>(known.entities());
            entities.remove(topic);
            return entities.isEmpty() ? null : new Device(uid, known.broker(), known.label(), known.properties(), entities);
        });
        DiscoveryListener inbox = listener;
        if (inbox != null) {
            if (device == null) {
                inbox.vanished(uid);
            } else {
                inbox.discovered(result(device));
            }
        }
    }

    private static DiscoveryResult result(Device device) {
        List<Map<String, Object>> channels = new ArrayList<>();
        String availability = null;
        for (HomeAssistantAnnouncement entity : device.entities().values()) {
            if (channels.stream().noneMatch(c -> c.get("id").equals(entity.channelId()))) {
                channels.add(entity.channel());
            }
            if (availability == null) {
                availability = entity.availabilityTopic();
            }
        }
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("channels", channels);
        if (availability != null) {
            configuration.put("availabilityTopic", availability);
        }
        return new DiscoveryResult(device.uid(), device.label(), device.broker(), device.properties(), configuration);
    }
}
