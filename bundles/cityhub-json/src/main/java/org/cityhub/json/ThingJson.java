package org.cityhub.json;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.cityhub.api.federation.HubIds;
import org.cityhub.api.thing.InputErrors;
import org.cityhub.api.thing.Location;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Things, their statuses and input errors in their JSON shapes; the same shape in REST, thing files and backups. */
public final class ThingJson {

    private static final List<String> THING_KEYS = List.of("uid", "thingTypeUID", "label", "bridgeUID", "department",
            "household", "sharedWith", "location", "labels", "tags", "properties", "configuration");
    private static final Set<String> READ_ONLY_THING_KEYS = Set.of("status", "states", "inputErrors", "source",
            "hub");

    private ThingJson() {
    }

    /** {@code {"status": "OFFLINE", "detail": "COMMUNICATION_ERROR", "message": "…"}}. */
    public static ObjectNode status(ThingStatusInfo status) {
        ObjectNode node = Json.object().put("status", status.status().name()).put("detail", status.detail().name());
        return status.message() == null ? node : node.put("message", status.message());
    }

    /** A thing's definition in its JSON shape (without the read-only status, states and source). */
    public static ObjectNode thing(Thing thing) {
        ObjectNode node = Json.object().put("uid", thing.uid().toString())
                .put("thingTypeUID", thing.thingTypeUID().toString())
                .put("label", thing.label());
        Fields.putLabels(node, thing.labels());
        if (thing.bridgeUID() != null) {
            node.put("bridgeUID", thing.bridgeUID().toString());
        }
        if (thing.department() != null) {
            node.put("department", thing.department());
        }
        if (thing.household() != null) {
            node.put("household", thing.household());
        }
        if (!thing.sharedWith().isEmpty()) {
            ArrayNode shared = node.putArray("sharedWith");
            thing.sharedWith().stream().sorted().forEach(shared::add);
        }
        if (thing.location() != null) {
            node.putObject("location").put("lat", thing.location().lat()).put("lon", thing.location().lon());
        }
        ArrayNode tags = node.putArray("tags");
        thing.tags().stream().sorted().forEach(tags::add);
        Fields.putProperties(node, thing.properties());
        Fields.putConfiguration(node, thing.configuration());
        return node;
    }

    /**
     * A thing as REST answers it: its definition with the read-only {@code status}, {@code states},
     * {@code inputErrors} and {@code source}, and for another hub's thing that {@code hub}.
     */
    public static ObjectNode thingWithStatus(Thing thing, ThingRegistry registry) {
        ObjectNode node = thing(thing);
        node.set("status", status(registry.getStatus(thing.uid())));
        ObjectNode stateNodes = node.putObject("states");
        registry.getStates(thing.uid()).forEach((channel, state) -> stateNodes.set(channel,
                StateJson.state(state.state(), state.updated())));
        node.set("inputErrors", inputErrors(registry.getInputErrors(thing.uid())));
        registry.getSource(thing.uid()).ifPresent(source -> {
            node.put("source", source);
            HubIds.hubOf(source).ifPresent(hub -> node.put("hub", hub));
        });
        return node;
    }

    /** {@code {"count": 3, "channels": {"pm25": 2}, "last": "…", "lastAt": "…"}}; only the count if there are none. */
    public static ObjectNode inputErrors(InputErrors errors) {
        ObjectNode node = Json.object().put("count", errors.count());
        if (errors.count() > 0) {
            ObjectNode channels = node.putObject("channels");
            new TreeMap<>(errors.byChannel()).forEach(channels::put);
            node.put("last", errors.lastReason()).put("lastAt", String.valueOf(errors.lastAt()));
        }
        return node;
    }

    /**
     * Parses a thing definition; read-only fields ({@code status}, {@code states}, {@code source}) are ignored.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
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
        ThingUID uid = ThingUID.parse(Fields.requireText(node, "uid"));
        if (node.hasNonNull("thingTypeUID")) {
            ThingTypeUID declared = ThingTypeUID.parse(Fields.requireText(node, "thingTypeUID"));
            if (!declared.equals(uid.thingTypeUID())) {
                throw new IllegalArgumentException("thing " + uid + ": 'thingTypeUID' " + declared
                        + " does not match the type in its UID, " + uid.thingTypeUID());
            }
        }
        return new Thing(uid, Fields.requireText(node, "label"),
                node.hasNonNull("bridgeUID") ? ThingUID.parse(Fields.requireText(node, "bridgeUID")) : null,
                node.hasNonNull("department") ? Fields.requireText(node, "department") : null,
                parseLocation(node.get("location")), texts(node.get("tags"), "tags"),
                Fields.properties(node.get("properties")), Fields.configuration(node.get("configuration")),
                texts(node.get("sharedWith"), "sharedWith"),
                node.hasNonNull("household") ? Fields.requireText(node, "household") : null,
                Fields.labels(node.get("labels")));
    }

    /**
     * A configuration value typed as JSON (say, a list of channels on the console).
     *
     * @throws IllegalArgumentException if the text is not JSON, naming the parameter
     */
    public static Object parseConfigurationValue(String key, String json) {
        try {
            return Fields.configurationValue(key, Json.parse(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("configuration parameter '" + key + "' must be JSON here: "
                    + e.getOriginalMessage());
        }
    }

    private static @Nullable Location parseLocation(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Fields.requireNumber(node.path("lat"), "location.lat");
        Fields.requireNumber(node.path("lon"), "location.lon");
        return new Location(node.get("lat").doubleValue(), node.get("lon").doubleValue());
    }

    private static Set<String> texts(@Nullable JsonNode node, String field) {
        Set<String> texts = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return texts;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be an array of strings");
        }
        for (JsonNode text : node) {
            if (!text.isTextual()) {
                throw new IllegalArgumentException("'" + field + "' must be an array of strings, found " + text);
            }
            texts.add(text.asText());
        }
        return texts;
    }
}
