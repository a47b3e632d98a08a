package org.cityhub.binding.mqtt.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.cityhub.api.discovery.DiscoveryListener;
import org.cityhub.api.discovery.DiscoveryResult;
import org.cityhub.api.discovery.DiscoveryService;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.component.annotations.Component;

/**
 * Devices behind Zigbee2MQTT gateways, offered in the inbox as {@code mqtt:zigbee2mqtt} things named by their IEEE
 * address, under the broker that heard the gateway's device list. Each new list replaces the offers of its broker:
 * a device renamed is offered under its new name, one removed leaves the inbox, one interviewed later arrives. A
 * device whose description the hub cannot read is offered without channels, its problem in its properties, so
 * that it alone is marked.
 */
@Component(service = { DiscoveryService.class, Zigbee2MqttDiscovery.class })
public final class Zigbee2MqttDiscovery implements DiscoveryService {

    static final ThingTypeUID DEVICE = new ThingTypeUID("mqtt", "zigbee2mqtt");

    /** The offers of each broker: thing UID to result. */
    private final Map<ThingUID, Map<ThingUID, DiscoveryResult>> offers = new ConcurrentHashMap<>();
    private volatile @Nullable DiscoveryListener listener;

    @Override
    public void scan(DiscoveryListener inbox) {
        listener = inbox;
        offers.values().forEach(results -> results.values().forEach(inbox::discovered));
    }

    /** A gateway's device list arrived on a broker. */
    void listed(ThingUID broker, List<Zigbee2MqttDevice> devices) {
        Map<ThingUID, DiscoveryResult> next = new LinkedHashMap<>();
        devices.stream().filter(Zigbee2MqttDevice::interviewed).map(device -> result(broker, device))
                .forEach(result -> next.put(result.thingUID(), result));
        Map<ThingUID, DiscoveryResult> previous = offers.put(broker, next);
        DiscoveryListener inbox = listener;
        if (inbox == null) {
            return;
        }
        Set<ThingUID> gone = previous == null ? Set.of() : previous.keySet().stream()
                .filter(uid -> !next.containsKey(uid)).collect(Collectors.toSet());
        gone.forEach(inbox::vanished);
        next.values().forEach(inbox::discovered);
    }

    private static DiscoveryResult result(ThingUID broker, Zigbee2MqttDevice device) {
        Map<String, String> properties = new LinkedHashMap<>(device.properties());
        properties.put("friendlyName", device.friendlyName());
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("ieeeAddress", device.ieeeAddress());
        Zigbee2MqttExposes exposes = device.exposes();
        configuration.put("channels", exposes == null ? List.of() : exposes.channels());
        if (device.problem() != null) {
            properties.put("problem", device.problem());
        }
        if (exposes != null && !exposes.skipped().isEmpty()) {
            properties.put("skipped", String.join("; ", exposes.skipped()));
        }
        String label = properties.getOrDefault("description", device.friendlyName());
        return new DiscoveryResult(new ThingUID(DEVICE, device.thingId()), device.friendlyName() + " (" + label + ")",
                broker, properties, configuration);
    }
}
