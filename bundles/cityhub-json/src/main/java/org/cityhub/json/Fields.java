package org.cityhub.json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityhub.api.i18n.Labels;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading and writing the fields the model's shapes share, each read naming the field it found wrong. */
final class Fields {

    private Fields() {
    }

    static String requireText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return value.asText();
    }

    static void requireNumber(JsonNode value, String field) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a number");
        }
    }

    static void putProperties(ObjectNode node, Map<String, String> properties) {
        ObjectNode target = node.putObject("properties");
        properties.forEach(target::put);
    }

    static void putConfiguration(ObjectNode node, Map<String, Object> configuration) {
        ObjectNode target = node.putObject("configuration");
        configuration.forEach((key, value) -> target.set(key, Json.toTree(value)));
    }

    static Map<String, String> properties(@Nullable JsonNode node) {
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

    static Map<String, Object> configuration(@Nullable JsonNode node) {
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

    static Object configurationValue(String key, JsonNode value) {
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

    static @Nullable Instant optionalInstant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' must be an ISO-8601 instant such as"
                    + " 2027-01-31T00:00:00Z, was '" + value.asText() + "'", e);
        }
    }

    static void onlyFields(JsonNode node, Set<String> allowed, String what) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(what + " has no field '" + name + "'; its fields are "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    /** Puts {@code labels} when there are any. */
    static void putLabels(ObjectNode node, Labels labels) {
        if (!labels.isEmpty()) {
            ObjectNode object = node.putObject("labels");
            labels.byLanguage().forEach(object::put);
        }
    }

    /**
     * The {@code labels} object, {@code {"en": "…", "zh-CN": "…"}}, or none.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Labels labels(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return Labels.NONE;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("'labels' must be an object of language tag to label, e.g."
                    + " {\"en\": \"Smoke alarm\", \"zh-CN\": \"烟雾报警器\"}");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("'labels." + field.getKey() + "' must be a string");
            }
            labels.put(field.getKey(), field.getValue().asText());
        }
        return new Labels(labels);
    }
}
