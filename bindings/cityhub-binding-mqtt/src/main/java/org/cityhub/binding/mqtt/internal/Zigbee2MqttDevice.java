package org.cityhub.binding.mqtt.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One device of a Zigbee2MQTT gateway's retained {@code <base>/bridge/devices} list: its stable IEEE address, the
 * friendly name its topics use today (renames change it), and what its exposes make of it.
 *
 * @param ieeeAddress the device's IEEE address, {@code 0x} and 16 hexadecimal digits
 * @param friendlyName the name in its topics, {@code <base>/<friendlyName>}
 * @param properties the vendor's facts (vendor, model, description), for the inbox
 * @param interviewed whether the gateway has finished interviewing it (until then it says little of itself)
 * @param exposes its channels, or null if the hub cannot describe it (unsupported, or its exposes malformed)
 * @param problem why its exposes could not be read, or null
 */
record Zigbee2MqttDevice(String ieeeAddress, String friendlyName, Map<String, String> properties,
        boolean interviewed, @Nullable Zigbee2MqttExposes exposes, @Nullable String problem) {

    private static final Pattern IEEE = Pattern.compile("0x[0-9a-fA-F]{16}");

    /** The thing id made of the address: stable across renames. */
    String thingId() {
        return ieeeAddress.substring(2).toLowerCase(Locale.ROOT);
    }

    /**
     * The devices of a {@code bridge/devices} payload, the coordinator left out. A device entry that is not
     * understood is kept with its problem (it marks that device alone); a payload that is not a list of devices is
     * refused whole.
     *
     * @throws IllegalArgumentException if the payload is not a JSON list of device objects with addresses
     */
    static List<Zigbee2MqttDevice> list(JsonNode payload) {
        if (!payload.isArray()) {
            throw new IllegalArgumentException("bridge/devices is not a JSON list of devices");
        }
        List<Zigbee2MqttDevice> devices = new ArrayList<>();
        int index = 0;
        for (JsonNode device : payload) {
            String where = "bridge/devices[" + index++ + "]";
            String address = device.path("ieee_address").asText("");
            String name = device.path("friendly_name").asText("");
            if (!device.isObject() || !IEEE.matcher(address).matches() || name.isBlank() || name.contains("#")
                    || name.contains("+")) {
                throw new IllegalArgumentException(where + " has no valid ieee_address (0x and 16 hexadecimal digits)"
                        + " and friendly_name (no MQTT wildcards)");
            }
            if (!"Coordinator".equals(device.path("type").asText())) {
                devices.add(device(address, name, device, where));
            }
        }
        return devices;
    }

    private static Zigbee2MqttDevice device(String address, String name, JsonNode device, String where) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("discoveredBy", "zigbee2mqtt");
        properties.put("ieeeAddress", address);
        JsonNode definition = device.path("definition");
        for (String fact : List.of("vendor", "model", "description")) {
            if (definition.path(fact).isTextual()) {
                properties.put(fact, definition.get(fact).asText());
            }
        }
        if (!device.path("interview_completed").asBoolean(false)) {
            return new Zigbee2MqttDevice(address, name, properties, false, null, "the gateway has not finished"
                    + " interviewing it");
        }
        if (!device.path("supported").asBoolean(true) || !definition.isObject()) {
            return new Zigbee2MqttDevice(address, name, properties, true, null, "the gateway does not support it");
        }
        try {
            return new Zigbee2MqttDevice(address, name, properties, true, Zigbee2MqttExposes.read(definition.path(
                    "exposes")), null);
        } catch (IllegalArgumentException e) {
            return new Zigbee2MqttDevice(address, name, properties, true, null, where + " (" + name + "): "
                    + e.getMessage());
        }
    }
}
