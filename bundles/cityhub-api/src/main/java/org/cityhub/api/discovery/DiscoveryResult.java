package org.cityhub.api.discovery;

import java.util.Map;

import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A device a binding found, as the thing it would become.
 *
 * @param thingUID the UID the thing would have
 * @param label a name for people
 * @param bridgeUID the bridge it was found through, or {@code null}
 * @param properties facts about the device (vendor, serial number, firmware)
 * @param configuration the configuration the thing needs to reach the device
 */
public record DiscoveryResult(ThingUID thingUID, String label, @Nullable ThingUID bridgeUID,
        Map<String, String> properties, Map<String, Object> configuration) {

    public DiscoveryResult {
        if (thingUID == null) {
            throw new IllegalArgumentException("a discovery result needs a thing UID");
        }
        label = label == null || label.isBlank() ? thingUID.toString() : label;
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        configuration = configuration == null ? Map.of() : Map.copyOf(configuration);
    }
}
