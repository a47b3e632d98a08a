package org.cityhub.core.internal.thing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.types.ItemType;
import org.cityhub.core.json.ModelJson;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a binding's thing-type descriptor:
 * {@code {"binding": "simulator", "thingTypes": [{"id", "label", "description", "bridge", "channels": [{"id",
 * "label", "itemType", "unit", "readOnly", "kind"}]}]}}.
 */
final class ThingTypeDescriptorReader {

    private ThingTypeDescriptorReader() {
    }

    /** @throws IllegalArgumentException naming the descriptor, the type and what is wrong */
    static List<ThingType> read(InputStream in, String source) throws IOException {
        JsonNode root = ModelJson.MAPPER.readTree(in);
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

    private static ThingType thingType(String binding, JsonNode node) {
        List<ChannelDefinition> channels = new ArrayList<>();
        for (JsonNode channel : node.path("channels")) {
            channels.add(channel(channel));
        }
        return new ThingType(new ThingTypeUID(binding, node.path("id").asText("")), node.path("label").asText(null),
                node.path("description").asText(""), node.path("bridge").asBoolean(false), channels);
    }

    private static ChannelDefinition channel(JsonNode node) {
        String id = node.path("id").asText("");
        String itemType = node.path("itemType").asText("text");
        String kind = node.path("kind").asText("state");
        ItemType type = ItemType.byId(itemType).orElseThrow(() -> new IllegalArgumentException("channel '" + id
                + "': unknown item type '" + itemType + "'"));
        ChannelKind channelKind;
        try {
            channelKind = ChannelKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("channel '" + id + "': kind must be 'state' or 'trigger', was '" + kind + "'");
        }
        return new ChannelDefinition(id, node.path("label").asText(id), type,
                node.hasNonNull("unit") ? node.get("unit").asText() : null, node.path("readOnly").asBoolean(false),
                channelKind);
    }
}
