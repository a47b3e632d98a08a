package org.cityhub.binding.mqtt.internal;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entity a device announces with Home Assistant MQTT discovery
 * ({@code <prefix>/<component>/[<node_id>/]<object_id>/config}), read as a channel of the device's thing: which
 * component it is, where its state and commands go, and how to read its value. Abbreviated keys and the {@code ~}
 * base topic are understood.
 *
 * @param device the device's key (its first identifier, else the entity's unique id)
 * @param deviceName the device's name, for the thing's label
 * @param properties the device's vendor facts (manufacturer, model)
 * @param channelId the channel's id, from the object id
 * @param channel the channel entry for the thing's {@code channels} parameter
 * @param availabilityTopic the device's availability topic, if it announced one
 */
record HomeAssistantAnnouncement(String device, String deviceName, Map<String, String> properties, String channelId,
        Map<String, Object> channel, @Nullable String availabilityTopic) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(Map.entry("stat_t", "state_topic"),
            Map.entry("cmd_t", "command_topic"), Map.entry("avty_t", "availability_topic"),
            Map.entry("unit_of_meas", "unit_of_measurement"), Map.entry("val_tpl", "value_template"),
            Map.entry("uniq_id", "unique_id"), Map.entry("dev", "device"), Map.entry("pl_on", "payload_on"),
            Map.entry("pl_off", "payload_off"), Map.entry("pl_avail", "payload_available"),
            Map.entry("pl_not_avail", "payload_not_available"), Map.entry("dev_cla", "device_class"),
            Map.entry("ids", "identifiers"), Map.entry("mf", "manufacturer"), Map.entry("mdl", "model"),
            Map.entry("sw", "sw_version"), Map.entry("stat_val_tpl", "state_value_template"),
            Map.entry("cmd_tpl", "command_template"));
    private static final Pattern SIMPLE_TEMPLATE = Pattern.compile(
            "\\{\\{\\s*value_json((?:\\.[A-Za-z_][A-Za-z0-9_]*|\\[['\"][^'\"]+['\"]\\]|\\[\\d+\\])+)\\s*(\\|[^}]*)?\\}\\}");
    private static final Pattern PLAIN_VALUE = Pattern.compile("\\{\\{\\s*value\\s*(\\|[^}]*)?\\}\\}");

    /**
     * The announcement on a discovery topic, or empty for a removal (an empty payload) or a component that has no
     * state to read.
     *
     * @throws IllegalArgumentException if the topic or payload is malformed, saying how
     */
    static Optional<HomeAssistantAnnouncement> read(String prefix, String topic, String payload) {
        String[] parts = topic.substring(prefix.length() + 1).split("/");
        String component = parts[0];
        String objectId = parts[parts.length - 2];
        if (payload.isBlank()) {
            return Optional.empty();
        }
        JsonNode config;
        try {
            config = expand(JSON.readTree(payload));
        } catch (IOException e) {
            throw new IllegalArgumentException("discovery message on " + topic + " is not JSON");
        }
        if (!config.isObject()) {
            throw new IllegalArgumentException("discovery message on " + topic + " is not a JSON object");
        }
        String stateTopic = topic(config, "state_topic");
        String commandTopic = topic(config, "command_topic");
        if (stateTopic == null && commandTopic == null) {
            return Optional.empty();
        }
        JsonNode device = config.path("device");
        String uniqueId = config.path("unique_id").asText(parts.length == 4 ? parts[1] + "_" + objectId : objectId);
        String key = device.path("identifiers").isArray() && device.path("identifiers").size() > 0
                ? device.path("identifiers").get(0).asText() : device.path("identifiers").asText(uniqueId);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("discoveredBy", "homeassistant");
        for (String fact : List.of("manufacturer", "model", "sw_version")) {
            if (device.hasNonNull(fact)) {
                properties.put(fact, device.get(fact).asText());
            }
        }
        String channelId = sanitize(objectId);
        return Optional.of(new HomeAssistantAnnouncement(key, device.path("name").asText(config.path("name")
                .asText(key)), properties, channelId, channel(component, channelId, config, stateTopic, commandTopic),
                topic(config, "availability_topic")));
    }

    /** An id of {@code [A-Za-z0-9_-]}: the rest becomes {@code _}. */
    static String sanitize(String text) {
        String id = text.replaceAll("[^A-Za-z0-9_-]", "_");
        return id.isEmpty() ? "_" : id;
    }

    private static Map<String, Object> channel(String component, String channelId, JsonNode config,
            @Nullable String stateTopic, @Nullable String commandTopic) {
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("id", channelId);
        channel.put("label", config.path("name").asText(channelId));
        boolean switching = List.of("binary_sensor", "switch", "light", "fan", "siren", "lock").contains(component);
        String unit = config.path("unit_of_measurement").asText(null);
        boolean numeric = unit != null || List.of("number").contains(component);
        channel.put("itemType", switching ? "onoff" : numeric ? "number" : "text");
        if (unit != null) {
            channel.put("unit", unit);
        }
        if (stateTopic != null) {
            channel.put("stateTopic", stateTopic);
            List<String> steps = new java.util.ArrayList<>(template(config.path("value_template").asText(null)));
            if (switching) {
                steps.add("map:" + config.path("payload_on").asText("ON") + "=ON," + config.path("payload_off")
                        .asText("OFF") + "=OFF");
            }
            if (!steps.isEmpty()) {
                channel.put("transform", steps);
            }
        }
        if (commandTopic != null && !component.equals("binary_sensor") && !component.equals("sensor")) {
            channel.put("commandTopic", commandTopic);
            channel.put("readOnly", false);
            if (switching) {
                channel.put("commandTransform", List.of("map:ON=" + config.path("payload_on").asText("ON") + ",OFF="
                        + config.path("payload_off").asText("OFF")));
            }
        }
        return channel;
    }

    /** A value template as transform steps: {@code {{ value_json.a.b }}} is a JSON path; filters are dropped. */
    static List<String> template(@Nullable String template) {
        if (template == null || PLAIN_VALUE.matcher(template.trim()).matches()) {
            return List.of();
        }
        Matcher matcher = SIMPLE_TEMPLATE.matcher(template.trim());
        if (matcher.matches()) {
            return List.of("jsonpath:$" + matcher.group(1).replace('"', '\''));
        }
        throw new IllegalArgumentException("value template '" + template + "' is beyond {{ value_json.path }}; set"
                + " the channel's transform by hand");
    }

    private static @Nullable String topic(JsonNode config, String key) {
        String topic = config.path(key).asText(null);
        if (topic == null) {
            return null;
        }
        String base = config.path("~").asText("");
        if (topic.startsWith("~")) {
            return base + topic.substring(1);
        }
        return topic.endsWith("~") ? topic.substring(0, topic.length() - 1) + base : topic;
    }

    /** The configuration with abbreviated keys written out, here and in {@code device}. */
    private static JsonNode expand(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode expanded = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = ABBREVIATIONS.getOrDefault(field.getKey().toLowerCase(Locale.ROOT), field.getKey());
            expanded.set(key, key.equals("device") ? expand(field.getValue()) : field.getValue());
        }
        return expanded;
    }
}
