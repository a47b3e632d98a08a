package org.cityhub.json;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ConfigParameter;
import org.cityhub.api.thing.NumberRange;
import org.cityhub.api.thing.ParameterType;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.types.ItemType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a binding's thing-type descriptor (the format is documented in {@code docs/binding-descriptors.md}):
 * {@code {"binding", "thingTypes": [{"id", "label", "labels"?, "description", "bridge", "supportedBridgeTypes",
 * "parameters": [...], "channels": [...]}]}}.
 */
public final class ThingTypeDescriptors {

    private ThingTypeDescriptors() {
    }

    /** @throws IllegalArgumentException naming the descriptor, the type and what is wrong */
    public static List<ThingType> read(InputStream in, String source) throws IOException {
        JsonNode root = Json.parse(in);
        String binding = root.path("binding").asText("");
        List<ThingType> types = new ArrayList<>();
        for (JsonNode type : root.path("thingTypes")) {
            try {
                types.add(thingType(binding, type));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": thing type '" + type.path("id").asText() + "': " + e.getMessage(), e);
            }
        }
        return types;
    }

    /**
     * Parses a thing type in the shape {@link ThingTypeJson#thingType} writes it, as another hub shares it.
     *
     * @throws IllegalArgumentException naming what is wrong
     * @since 1.4
     */
    public static ThingType parseThingType(JsonNode node) {
        ThingTypeUID uid = ThingTypeUID.parse(Fields.requireText(node, "uid"));
        return thingType(uid.bindingId(), uid.id(), node);
    }

    private static ThingType thingType(String binding, JsonNode node) {
        return thingType(binding, node.path("id").asText(""), node);
    }

    private static ThingType thingType(String binding, String id, JsonNode node) {
        List<ThingTypeUID> bridges = new ArrayList<>();
        node.path("supportedBridgeTypes").forEach(uid -> bridges.add(ThingTypeUID.parse(uid.asText())));
        List<ConfigParameter> parameters = new ArrayList<>();
        node.path("parameters").forEach(parameter -> parameters.add(parameter(parameter)));
        List<ChannelDefinition> channels = new ArrayList<>();
        node.path("channels").forEach(channel -> channels.add(channel(channel)));
        return new ThingType(new ThingTypeUID(binding, id), node.path("label").asText(null),
                node.path("description").asText(""), node.path("bridge").asBoolean(false), bridges, parameters, channels,
                Fields.labels(node.get("labels")));
    }

    private static ConfigParameter parameter(JsonNode node) {
        String name = node.path("name").asText("");
        ParameterType type = named(ParameterType.class, node.path("type").asText("text"), "parameter '" + name + "': type");
        List<String> options = new ArrayList<>();
        node.path("options").forEach(option -> options.add(option.asText()));
        JsonNode fallback = node.get("default");
        Object defaultValue = fallback == null || fallback.isNull() ? null
                : fallback.isNumber() ? fallback.decimalValue() : fallback.isBoolean() ? fallback.booleanValue() : fallback.asText();
        return new ConfigParameter(name, type, node.path("label").asText(name), node.path("description").asText(""),
                node.path("required").asBoolean(false), defaultValue, decimal(node.get("min")), decimal(node.get("max")),
                node.hasNonNull("pattern") ? node.get("pattern").asText() : null, options,
                node.path("secret").asBoolean(false), Fields.labels(node.get("labels")));
    }

    private static ChannelDefinition channel(JsonNode node) {
        String id = node.path("id").asText("");
        String itemType = node.path("itemType").asText("text");
        ItemType type = ItemType.byId(itemType).orElseThrow(() -> new IllegalArgumentException("channel '" + id
                + "': unknown item type '" + itemType + "'"));
        ChannelKind kind = named(ChannelKind.class, node.path("kind").asText("state"), "channel '" + id + "': kind");
        NumberRange range;
        try {
            range = new NumberRange(decimal(node.get("min")), decimal(node.get("max")), decimal(node.get("step")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("channel '" + id + "': " + e.getMessage(), e);
        }
        return new ChannelDefinition(id, node.path("label").asText(id), type,
                node.hasNonNull("unit") ? node.get("unit").asText() : null, node.path("readOnly").asBoolean(false), kind,
                Fields.labels(node.get("labels")), range);
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name, String what) {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + name + "' is not one of "
                    + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT));
        }
    }

    private static BigDecimal decimal(JsonNode node) {
        return node == null || !node.isNumber() ? null : node.decimalValue();
    }
}
