package org.cityhub.core.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.cityhub.api.discovery.DiscoveryResult;
import org.cityhub.api.discovery.InboxEntry;
import org.cityhub.api.admin.AuditEntry;
import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.ConfigParameter;
import org.cityhub.api.thing.InputErrors;
import org.cityhub.api.thing.Location;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.ItemType;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.PointValue;
import org.cityhub.api.types.State;
import org.cityhub.api.types.UnDef;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts the model to and from its JSON shapes. Parsing methods throw {@link IllegalArgumentException} with a
 * message that names the field and what was wrong, ready to be shown to the person who sent it.
 */
public final class ModelJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** The hub's shared mapper; thread-safe. Numbers are read as {@link BigDecimal} and written as they came. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .setNodeFactory(NODES);
    private static final List<String> THING_KEYS = List.of("uid", "thingTypeUID", "label", "bridgeUID", "department",
            "location", "tags", "properties", "configuration");
    private static final Set<String> READ_ONLY_THING_KEYS = Set.of("status", "states", "inputErrors", "source");

    private ModelJson() {
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Serialises a node to compact JSON text. */
    public static String toText(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** {@code {"type": "number", "value": 21.5, "unit": "°C", "updated": "…"}} and the other state shapes. */
    public static ObjectNode state(State state, @Nullable Instant updated) {
        ObjectNode node = object().put("type", state.type());
        if (state instanceof NumberValue n) {
            node.put("value", n.value());
            if (n.unit() != null) {
                node.put("unit", n.unit());
            }
        } else if (state instanceof PointValue p) {
            node.put("lat", p.lat()).put("lon", p.lon());
        } else if (!(state instanceof UnDef)) {
            node.put("value", state.toString());
        }
        if (updated != null) {
            node.put("updated", updated.toString());
        }
        return node;
    }

    /** A command as a request body carries it: {@code "ON"}, {@code {"value": 40, "unit": "%"}}, {@code "REFRESH"}. */
    public static JsonNode command(Command command) {
        if (command instanceof NumberValue n) {
            ObjectNode node = object().put("value", n.value());
            return n.unit() == null ? node : node.put("unit", n.unit());
        }
        return NODES.textNode(command.toString());
    }

    /**
     * Parses the {@code command} of a command body for a channel of the given item type: a string
     * ({@code "ON"}, {@code "REFRESH"}, a text), a number, or {@code {"value": 40, "unit": "%"}}.
     */
    public static Command parseCommand(@Nullable JsonNode node, ItemType itemType) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new IllegalArgumentException("missing 'command': expected e.g. {\"command\": \"ON\"} or {\"command\": 40}");
        }
        if (node.isTextual()) {
            return itemType.parseCommand(node.asText());
        }
        Command command;
        if (node.isNumber()) {
            command = new NumberValue(node.decimalValue(), null);
        } else if (node.isObject() && node.path("value").isNumber()) {
            JsonNode unit = node.get("unit");
            if (unit != null && !unit.isTextual()) {
                throw new IllegalArgumentException("'command.unit' must be a string");
            }
            command = new NumberValue(node.get("value").decimalValue(), unit == null ? null : unit.asText());
        } else {
            throw new IllegalArgumentException("'command' must be a string, a number or {\"value\": <number>, \"unit\": <string>}");
        }
        if (!itemType.accepts(command)) {
            throw new IllegalArgumentException("a " + itemType.id() + " channel does not take the number command " + command);
        }
        return command;
    }

    /** {@code {"status": "OFFLINE", "detail": "COMMUNICATION_ERROR", "message": "…"}}. */
    public static ObjectNode status(ThingStatusInfo status) {
        ObjectNode node = object().put("status", status.status().name()).put("detail", status.detail().name());
        return status.message() == null ? node : node.put("message", status.message());
    }

    /** A thing's definition in its JSON shape (without the read-only status, states and source). */
    public static ObjectNode thing(Thing thing) {
        ObjectNode node = object().put("uid", thing.uid().toString())
                .put("thingTypeUID", thing.thingTypeUID().toString())
                .put("label", thing.label());
        if (thing.bridgeUID() != null) {
            node.put("bridgeUID", thing.bridgeUID().toString());
        }
        if (thing.department() != null) {
            node.put("department", thing.department());
        }
        if (thing.location() != null) {
            node.putObject("location").put("lat", thing.location().lat()).put("lon", thing.location().lon());
        }
        ArrayNode tags = node.putArray("tags");
        thing.tags().stream().sorted().forEach(tags::add);
        ObjectNode properties = node.putObject("properties");
        thing.properties().forEach(properties::put);
        ObjectNode configuration = node.putObject("configuration");
        thing.configuration().forEach((key, value) -> configuration.set(key, MAPPER.valueToTree(value)));
        return node;
    }

    /**
     * A thing as REST answers it: its definition with the read-only {@code status}, {@code states},
     * {@code inputErrors} and {@code source}.
     */
    public static ObjectNode thingWithStatus(Thing thing, ThingRegistry registry) {
        ObjectNode node = thing(thing);
        node.set("status", status(registry.getStatus(thing.uid())));
        ObjectNode stateNodes = node.putObject("states");
        registry.getStates(thing.uid()).forEach((channel, state) -> stateNodes.set(channel,
                state(state.state(), state.updated())));
        node.set("inputErrors", inputErrors(registry.getInputErrors(thing.uid())));
        registry.getSource(thing.uid()).ifPresent(s -> node.put("source", s));
        return node;
    }

    /** {@code {"count": 3, "channels": {"pm25": 2}, "last": "…", "lastAt": "…"}}; only the count if there are none. */
    public static ObjectNode inputErrors(InputErrors errors) {
        ObjectNode node = object().put("count", errors.count());
        if (errors.count() > 0) {
            ObjectNode channels = node.putObject("channels");
            new TreeMap<>(errors.byChannel()).forEach(channels::put);
            node.put("last", errors.lastReason()).put("lastAt", String.valueOf(errors.lastAt()));
        }
        return node;
    }

    /** A thing type with its parameters and channels. */
    public static ObjectNode thingType(ThingType type) {
        ObjectNode node = object().put("uid", type.uid().toString()).put("label", type.label())
                .put("description", type.description()).put("bridge", type.bridge());
        ArrayNode bridges = node.putArray("supportedBridgeTypes");
        type.supportedBridgeTypes().forEach(uid -> bridges.add(uid.toString()));
        ArrayNode parameters = node.putArray("parameters");
        for (ConfigParameter parameter : type.parameters()) {
            ObjectNode p = parameters.addObject().put("name", parameter.name())
                    .put("type", parameter.type().name().toLowerCase(Locale.ROOT)).put("label", parameter.label())
                    .put("description", parameter.description()).put("required", parameter.required());
            if (parameter.defaultValue() != null) {
                p.set("default", MAPPER.valueToTree(parameter.defaultValue()));
            }
            if (parameter.min() != null) {
                p.put("min", parameter.min());
            }
            if (parameter.max() != null) {
                p.put("max", parameter.max());
            }
            if (parameter.pattern() != null) {
                p.put("pattern", parameter.pattern());
            }
            if (!parameter.options().isEmpty()) {
                parameter.options().forEach(p.putArray("options")::add);
            }
        }
        ArrayNode channels = node.putArray("channels");
        for (ChannelDefinition channel : type.channels()) {
            ObjectNode c = channels.addObject().put("id", channel.id()).put("label", channel.label())
                    .put("kind", channel.kind().name().toLowerCase(Locale.ROOT));
            if (channel.kind() == ChannelKind.STATE) {
                c.put("itemType", channel.itemType().id()).put("readOnly", channel.readOnly());
            }
            if (channel.unit() != null) {
                c.put("unit", channel.unit());
            }
        }
        return node;
    }

    /** {@code {"thingUID", "label", "bridgeUID"?, "properties", "configuration"}}. */
    public static ObjectNode discoveryResult(DiscoveryResult result) {
        ObjectNode node = object().put("thingUID", result.thingUID().toString()).put("label", result.label());
        if (result.bridgeUID() != null) {
            node.put("bridgeUID", result.bridgeUID().toString());
        }
        ObjectNode properties = node.putObject("properties");
        result.properties().forEach(properties::put);
        ObjectNode configuration = node.putObject("configuration");
        result.configuration().forEach((key, value) -> configuration.set(key, MAPPER.valueToTree(value)));
        return node;
    }

    /** Parses what {@link #discoveryResult(DiscoveryResult)} writes. */
    public static DiscoveryResult parseDiscoveryResult(JsonNode node) {
        return new DiscoveryResult(ThingUID.parse(requireText(node, "thingUID")), requireText(node, "label"),
                node.hasNonNull("bridgeUID") ? ThingUID.parse(requireText(node, "bridgeUID")) : null,
                parseProperties(node.get("properties")), parseConfiguration(node.get("configuration")));
    }

    /** An inbox entry: the discovery result with {@code ignored} and {@code discovered}. */
    /** A token's description (never its secret or hash): name, role, departments, created, createdBy, expires. */
    public static ObjectNode token(TokenInfo info) {
        ObjectNode node = object().put("name", info.name()).put("role", info.role().id())
                .put("departments", info.scope().toString()).put("created", info.created().toString())
                .put("createdBy", info.createdBy());
        Instant expires = info.expires();
        if (expires != null) {
            node.put("expires", expires.toString());
        }
        return node;
    }

    /** An audit entry: time, actor, source, action, target, detail, outcome. */
    public static ObjectNode auditEntry(AuditEntry entry) {
        return object().put("time", entry.time().toString()).put("actor", entry.actor()).put("source", entry.source())
                .put("action", entry.action()).put("target", entry.target()).put("detail", entry.detail())
                .put("outcome", entry.outcome());
    }

    public static ObjectNode inboxEntry(InboxEntry entry) {
        return discoveryResult(entry.result()).put("ignored", entry.ignored())
                .put("discovered", entry.discovered().toString());
    }

    /** Parses a thing definition; read-only fields ({@code status}, {@code states}, {@code source}) are ignored. */
    public static Thing parseThing(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a thing must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!THING_KEYS.contains(name) && !READ_ONLY_THING_KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "'; a thing has " + THING_KEYS);
            }
        }
        ThingUID uid = ThingUID.parse(requireText(node, "uid"));
        if (node.hasNonNull("thingTypeUID")) {
            ThingTypeUID declared = ThingTypeUID.parse(requireText(node, "thingTypeUID"));
            if (!declared.equals(uid.thingTypeUID())) {
                throw new IllegalArgumentException("thing " + uid + ": 'thingTypeUID' " + declared
                        + " does not match the type in its UID, " + uid.thingTypeUID());
            }
        }
        return new Thing(uid, requireText(node, "label"),
                node.hasNonNull("bridgeUID") ? ThingUID.parse(requireText(node, "bridgeUID")) : null,
                node.hasNonNull("department") ? requireText(node, "department") : null,
                parseLocation(node.get("location")), parseTags(node.get("tags")),
                parseProperties(node.get("properties")), parseConfiguration(node.get("configuration")));
    }

    private static @Nullable Location parseLocation(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        requireNumber(node.path("lat"), "location.lat");
        requireNumber(node.path("lon"), "location.lon");
        return new Location(node.get("lat").doubleValue(), node.get("lon").doubleValue());
    }

    private static Set<String> parseTags(@Nullable JsonNode node) {
        Set<String> tags = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return tags;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'tags' must be an array of strings");
        }
        for (JsonNode tag : node) {
            if (!tag.isTextual()) {
                throw new IllegalArgumentException("'tags' must be an array of strings, found " + tag);
            }
            tags.add(tag.asText());
        }
        return tags;
    }

    private static Map<String, String> parseProperties(@Nullable JsonNode node) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return properties;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("'properties' must be an object of strings");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new IllegalArgumentException("property '" + e.getKey() + "' must be a string");
            }
            properties.put(e.getKey(), e.getValue().asText());
        });
        return properties;
    }

    private static Map<String, Object> parseConfiguration(@Nullable JsonNode node) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return configuration;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("'configuration' must be an object");
        }
        node.fields().forEachRemaining(e -> configuration.put(e.getKey(), configurationValue(e.getKey(), e.getValue())));
        return configuration;
    }

    /**
     * A configuration value typed as JSON (say, a list of channels on the console).
     *
     * @throws IllegalArgumentException if the text is not JSON, naming the parameter
     */
    public static Object parseConfigurationValue(String key, String json) {
        try {
            return configurationValue(key, MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("configuration parameter '" + key + "' must be JSON here: "
                    + e.getOriginalMessage());
        }
    }

    private static Object configurationValue(String key, JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.elements().forEachRemaining(element -> list.add(configurationValue(key, element)));
            return List.copyOf(list);
        }
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.fields().forEachRemaining(e -> map.put(e.getKey(), configurationValue(key, e.getValue())));
            return Collections.unmodifiableMap(map);
        }
        throw new IllegalArgumentException("configuration parameter '" + key
                + "' must be a string, a number, a boolean, a list or an object, found null");
    }

    private static String requireText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return value.asText();
    }

    private static void requireNumber(JsonNode value, String field) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a number");
        }
    }
}
