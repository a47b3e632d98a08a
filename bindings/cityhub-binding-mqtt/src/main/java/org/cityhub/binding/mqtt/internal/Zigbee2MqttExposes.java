package org.cityhub.binding.mqtt.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Zigbee2MQTT device's {@code definition.exposes}, read as the channels of its thing. Generic exposes become one
 * channel each: {@code binary} an onoff channel ({@code contact} an openclosed one), {@code numeric} a number with
 * its unit and range, {@code enum} and {@code text} text channels ({@code action}, a button's press, a trigger
 * channel). Specific exposes ({@code light}, {@code switch},
 * {@code lock}, {@code cover}, {@code climate}, {@code fan}) are read through their features. A channel is writable
 * when the expose's {@code access} has the set bit. What the hub cannot represent (composite values such as a
 * colour, lists) is skipped and said so.
 *
 * @param channels the channels' entries for the thing's {@code channels} parameter, each with the device's
 *        {@code property} and, for binary values, {@code valueOn}/{@code valueOff}
 * @param skipped what was left out, and why, for people
 */
record Zigbee2MqttExposes(List<Map<String, Object>> channels, List<String> skipped) {

    /** The published-state bit of {@code access}. */
    private static final int PUBLISHED = 1;
    /** The settable bit of {@code access}: the property can be sent to {@code <device>/set}. */
    private static final int SETTABLE = 2;
    private static final Set<String> SPECIFIC = Set.of("light", "switch", "lock", "cover", "climate", "fan");
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z0-9_]{1,64}");
    /** Chinese names of the properties homes' devices expose most, for residents who read Chinese. */
    private static final Map<String, String> CHINESE = Map.ofEntries(Map.entry("smoke", "烟雾"),
            Map.entry("water_leak", "漏水"), Map.entry("contact", "门窗状态"), Map.entry("occupancy", "有人"),
            Map.entry("battery", "电量"), Map.entry("battery_low", "电量低"), Map.entry("tamper", "防拆"),
            Map.entry("state", "开关"), Map.entry("brightness", "亮度"), Map.entry("color_temp", "色温"),
            Map.entry("power", "功率"), Map.entry("energy", "电能"), Map.entry("voltage", "电压"),
            Map.entry("current", "电流"), Map.entry("temperature", "温度"), Map.entry("humidity", "湿度"),
            Map.entry("local_temperature", "室温"), Map.entry("current_heating_setpoint", "目标温度"),
            Map.entry("occupied_heating_setpoint", "目标温度"), Map.entry("system_mode", "模式"),
            Map.entry("running_state", "运行状态"), Map.entry("child_lock", "童锁"), Map.entry("action", "按键动作"),
            Map.entry("position", "位置"), Map.entry("linkquality", "信号质量"),
            Map.entry("device_temperature", "设备温度"));

    /**
     * Reads the exposes.
     *
     * @throws IllegalArgumentException if the exposes are not a list of objects, or an entry lacks what its type
     *         needs, naming it
     */
    static Zigbee2MqttExposes read(JsonNode exposes) {
        if (!exposes.isArray()) {
            throw new IllegalArgumentException("'exposes' is not a list");
        }
        Zigbee2MqttExposes read = new Zigbee2MqttExposes(new ArrayList<>(), new ArrayList<>());
        int index = 0;
        for (JsonNode expose : exposes) {
            read.add(expose, "exposes[" + index++ + "]");
        }
        return new Zigbee2MqttExposes(List.copyOf(read.channels), List.copyOf(read.skipped));
    }

    private void add(JsonNode expose, String where) {
        if (!expose.isObject() || !expose.path("type").isTextual()) {
            throw new IllegalArgumentException(where + " is not an object with a 'type'");
        }
        String type = expose.get("type").asText();
        if (SPECIFIC.contains(type)) {
            JsonNode features = expose.path("features");
            if (!features.isArray()) {
                throw new IllegalArgumentException(where + " (" + type + ") has no list of 'features'");
            }
            int index = 0;
            for (JsonNode feature : features) {
                add(feature, where + ".features[" + index++ + "]");
            }
            return;
        }
        switch (type) {
            case "binary" -> binary(expose, where);
            case "numeric" -> numeric(expose, where);
            case "enum", "text" -> text(expose, where);
            default -> skipped.add(where + " " + expose.path("property").asText(expose.path("name").asText("?"))
                    + ": type '" + type + "' has no channel on the hub");
        }
    }

    private void binary(JsonNode expose, String where) {
        Map<String, Object> channel = channel(expose, where);
        if (!expose.has("value_on") || !expose.has("value_off")) {
            throw new IllegalArgumentException(where + " (binary " + channel.get("property") + ") lacks value_on or"
                    + " value_off");
        }
        Object on = scalar(expose.get("value_on"), where);
        Object off = scalar(expose.get("value_off"), where);
        if ("contact".equals(channel.get("property"))) {
            // Zigbee2MQTT's contact is true when closed, and declared "on" (value_on) when open
            channel.put("itemType", "openclosed");
            channel.put("valueClosed", off);
            channel.put("valueOpen", on);
        } else {
            channel.put("itemType", "onoff");
            channel.put("valueOn", on);
            channel.put("valueOff", off);
        }
        channels.add(channel);
    }

    private void numeric(JsonNode expose, String where) {
        Map<String, Object> channel = channel(expose, where);
        channel.put("itemType", "number");
        if (expose.path("unit").isTextual() && !expose.get("unit").asText().isBlank()) {
            channel.put("unit", expose.get("unit").asText());
        }
        if (expose.path("value_min").isNumber()) {
            channel.put("min", expose.get("value_min").decimalValue());
        }
        if (expose.path("value_max").isNumber()) {
            channel.put("max", expose.get("value_max").decimalValue());
        }
        channels.add(channel);
    }

    private void text(JsonNode expose, String where) {
        Map<String, Object> channel = channel(expose, where);
        channel.put("itemType", "text");
        if ("action".equals(channel.get("property"))) {
            // a button's press: an event each time, even the same twice, not a state that changes
            channel.put("kind", "trigger");
        }
        if (expose.path("values").isArray()) {
            List<String> values = new ArrayList<>();
            expose.get("values").forEach(value -> values.add(value.asText()));
            channel.put("options", List.copyOf(values));
        }
        channels.add(channel);
    }

    /** The entry every channel has: id, label, property, and whether it is writable. */
    private Map<String, Object> channel(JsonNode expose, String where) {
        String property = expose.path("property").asText("");
        if (!PROPERTY.matcher(property).matches()) {
            throw new IllegalArgumentException(where + " has no valid 'property' (letters, digits and '_'), was '"
                    + property + "'");
        }
        if (channels.stream().anyMatch(existing -> existing.get("property").equals(property))) {
            throw new IllegalArgumentException(where + " exposes property '" + property + "' twice");
        }
        int access = expose.path("access").asInt(PUBLISHED);
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("id", property);
        channel.put("label", expose.path("label").asText(expose.path("name").asText(property)));
        channel.put("property", property);
        if (CHINESE.containsKey(property)) {
            channel.put("labels", Map.of("zh-CN", CHINESE.get(property)));
        }
        channel.put("readOnly", (access & SETTABLE) == 0);
        if ((access & PUBLISHED) == 0) {
            channel.put("published", false);
        }
        return channel;
    }

    private static Object scalar(JsonNode value, String where) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        throw new IllegalArgumentException(where + " has a value_on/value_off that is neither text, number nor true"
                + " or false");
    }
}
