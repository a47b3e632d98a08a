package org.cityhub.json;

import java.math.BigDecimal;
import java.util.Locale;

import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ConfigParameter;
import org.cityhub.api.thing.NumberRange;
import org.cityhub.api.thing.ThingType;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Thing types as REST and the console show them; {@link ThingTypeDescriptors} reads the bindings' descriptors. */
public final class ThingTypeJson {

    private ThingTypeJson() {
    }

    /** A thing type with its parameters and channels. */
    public static ObjectNode thingType(ThingType type) {
        ObjectNode node = Json.object().put("uid", type.uid().toString()).put("label", type.label())
                .put("description", type.description()).put("bridge", type.bridge());
        Fields.putLabels(node, type.labels());
        ArrayNode bridges = node.putArray("supportedBridgeTypes");
        type.supportedBridgeTypes().forEach(uid -> bridges.add(uid.toString()));
        ArrayNode parameters = node.putArray("parameters");
        type.parameters().forEach(parameter -> parameters.add(parameter(parameter)));
        ArrayNode channels = node.putArray("channels");
        type.channels().forEach(channel -> channels.add(channel(channel)));
        return node;
    }

    private static ObjectNode parameter(ConfigParameter parameter) {
        ObjectNode node = Json.object().put("name", parameter.name())
                .put("type", parameter.type().name().toLowerCase(Locale.ROOT)).put("label", parameter.label())
                .put("description", parameter.description()).put("required", parameter.required());
        Fields.putLabels(node, parameter.labels());
        if (parameter.secret()) {
            node.put("secret", true);
        }
        if (parameter.defaultValue() != null) {
            node.set("default", Json.toTree(parameter.defaultValue()));
        }
        putDecimal(node, "min", parameter.min());
        putDecimal(node, "max", parameter.max());
        if (parameter.pattern() != null) {
            node.put("pattern", parameter.pattern());
        }
        if (!parameter.options().isEmpty()) {
            parameter.options().forEach(node.putArray("options")::add);
        }
        return node;
    }

    private static ObjectNode channel(ChannelDefinition channel) {
        ObjectNode node = Json.object().put("id", channel.id()).put("label", channel.label())
                .put("kind", channel.kind().name().toLowerCase(Locale.ROOT));
        Fields.putLabels(node, channel.labels());
        if (channel.kind() == ChannelKind.STATE) {
            node.put("itemType", channel.itemType().id()).put("readOnly", channel.readOnly());
        }
        if (channel.unit() != null) {
            node.put("unit", channel.unit());
        }
        NumberRange range = channel.range();
        putDecimal(node, "min", range.min());
        putDecimal(node, "max", range.max());
        putDecimal(node, "step", range.step());
        return node;
    }

    private static void putDecimal(ObjectNode node, String name, @Nullable BigDecimal value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
