package org.cityhub.api.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cityhub.api.i18n.Labels;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ConfigParameter;
import org.cityhub.api.thing.NumberRange;
import org.cityhub.api.thing.ParameterType;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.types.ItemType;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Channels a thing defines in its own configuration, for generic thing types (an MQTT topic, an HTTP resource)
 * whose channels differ from thing to thing. Such a type has a parameter of type {@code channels}: a list of
 * {@code {"id", "itemType", "label"?, "labels"?, "unit"?, "readOnly"? (default true), "kind"? ("state" or "trigger")}},
 * each with whatever else its binding reads (a JSON path, a topic). The thing's channels are its type's plus
 * these.
 */
public final class ThingChannels {

    private ThingChannels() {
    }

    /** The thing's type with the channels its configuration defines; the type itself for other types. */
    public static ThingType of(ThingType type, Thing thing) {
        List<ChannelDefinition> own = new ArrayList<>();
        for (ConfigParameter parameter : channelParameters(type)) {
            own.addAll(parse(thing.configuration().get(parameter.name()), new ArrayList<>()));
        }
        if (own.isEmpty()) {
            return type;
        }
        Set<String> taken = new HashSet<>();
        type.channels().forEach(channel -> taken.add(channel.id()));
        List<ChannelDefinition> channels = new ArrayList<>(type.channels());
        own.stream().filter(channel -> taken.add(channel.id())).forEach(channels::add);
        return new ThingType(type.uid(), type.label(), type.description(), type.bridge(), type.supportedBridgeTypes(),
                type.parameters(), channels, type.labels());
    }

    /** What is wrong with the value of a {@code channels} parameter, each problem naming the entry. */
    static List<String> check(ThingType type, ConfigParameter parameter, Object value) {
        List<String> violations = new ArrayList<>();
        List<ChannelDefinition> channels = parse(value, violations);
        Set<String> seen = new HashSet<>();
        type.channels().forEach(channel -> seen.add(channel.id()));
        for (ChannelDefinition channel : channels) {
            if (!seen.add(channel.id())) {
                violations.add("channel '" + channel.id() + "' is defined twice (or by the thing type)");
            }
        }
        return violations.stream().map(problem -> "parameter '" + parameter.name() + "': " + problem).toList();
    }

    private static List<ConfigParameter> channelParameters(ThingType type) {
        return type.parameters().stream().filter(p -> p.type() == ParameterType.CHANNELS).toList();
    }

    private static List<ChannelDefinition> parse(@Nullable Object value, List<String> violations) {
        List<ChannelDefinition> channels = new ArrayList<>();
        if (value == null) {
            return channels;
        }
        if (!(value instanceof List<?> list)) {
            violations.add("must be a list of channels [{\"id\", \"itemType\", ...}]");
            return channels;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> entry)) {
                violations.add("channel " + (i + 1) + " must be an object {\"id\", \"itemType\", ...}");
                continue;
            }
            try {
                channels.add(channel(entry));
            } catch (IllegalArgumentException e) {
                violations.add("channel " + (i + 1) + ": " + e.getMessage());
            }
        }
        return channels;
    }

    private static ChannelDefinition channel(Map<?, ?> entry) {
        String id = text(entry, "id").orElseThrow(() -> new IllegalArgumentException("missing 'id'"));
        String itemTypeId = text(entry, "itemType").orElseThrow(() -> new IllegalArgumentException("'" + id
                + "': missing 'itemType'"));
        ItemType itemType = ItemType.byId(itemTypeId).orElseThrow(() -> new IllegalArgumentException("'" + id
                + "': itemType '" + itemTypeId + "' is not one of number, onoff, openclosed, text, datetime, point"));
        Object readOnly = entry.get("readOnly");
        if (readOnly != null && !(readOnly instanceof Boolean)) {
            throw new IllegalArgumentException("'" + id + "': readOnly must be true or false");
        }
        String kind = text(entry, "kind").orElse("state");
        if (!kind.equals("state") && !kind.equals("trigger")) {
            throw new IllegalArgumentException("'" + id + "': kind must be state or trigger, was '" + kind + "'");
        }
        return new ChannelDefinition(id, text(entry, "label").orElse(id), itemType, text(entry, "unit").orElse(null),
                readOnly == null || (Boolean) readOnly, kind.equals("state") ? ChannelKind.STATE : ChannelKind.TRIGGER,
                labels(id, entry.get("labels")), range(id, entry));
    }

    private static NumberRange range(String id, Map<?, ?> entry) {
        try {
            return new NumberRange(number(entry, "min"), number(entry, "max"), number(entry, "step"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + id + "': " + e.getMessage(), e);
        }
    }

    private static @Nullable BigDecimal number(Map<?, ?> entry, String key) {
        Object value = entry.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number)) {
            throw new IllegalArgumentException("'" + key + "' must be a number");
        }
        return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
    }

    private static Labels labels(String id, @Nullable Object value) {
        if (value == null) {
            return Labels.NONE;
        }
        if (!(value instanceof Map<?, ?> map) || map.values().stream().anyMatch(label -> !(label instanceof String))) {
            throw new IllegalArgumentException("'" + id + "': labels must be an object of language tag to label");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        map.forEach((tag, label) -> labels.put(String.valueOf(tag), (String) label));
        return new Labels(labels);
    }

    private static Optional<String> text(Map<?, ?> entry, String key) {
        Object value = entry.get(key);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("'" + key + "' must be a text");
        }
        return Optional.ofNullable((String) value);
    }
}
