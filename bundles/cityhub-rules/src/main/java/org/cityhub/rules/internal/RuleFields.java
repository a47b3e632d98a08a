package org.cityhub.rules.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.JsonNode;

/** One JSON object of a rule's document, read field by field, each problem naming its JSON pointer. */
final class RuleFields {

    private final JsonNode node;
    private final String pointer;

    RuleFields(JsonNode node, String pointer, Set<String> known) {
        this.node = node;
        this.pointer = pointer;
        only(known);
    }

    RuleFields(JsonNode node, String pointer) {
        this.node = node;
        this.pointer = pointer;
    }

    String pointer() {
        return pointer;
    }

    RuleFields only(String... known) {
        return only(Set.of(known));
    }

    private RuleFields only(Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new RuleProblem(pointer + "/" + name, "unknown field; the fields here are "
                        + known.stream().sorted().toList());
            }
        }
        return this;
    }

    /** Lets a parsed value pass through {@link #only}. */
    <T> T then(T value) {
        return value;
    }

    @Nullable
    JsonNode optional(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    JsonNode required(String field) {
        JsonNode value = optional(field);
        if (value == null) {
            throw new RuleProblem(pointer + "/" + field, "missing");
        }
        return value;
    }

    String text(String field) {
        JsonNode value = required(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new RuleProblem(pointer + "/" + field, "must be a non-empty string");
        }
        return value.asText();
    }

    @Nullable
    String optionalText(String field) {
        return optional(field) == null ? null : text(field);
    }

    String name(String field) {
        String value = text(field);
        if (!RuleParser.NAME.matcher(value).matches()) {
            throw new RuleProblem(pointer + "/" + field, "'" + value + "' must be lower-case letters, digits and"
                    + " '-'");
        }
        return value;
    }

    <T> T parsed(String field, Function<String, T> parser) {
        return parsed(field, text(field), parser);
    }

    <T> T parsed(String field, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new RuleProblem(pointer + "/" + field, e.getMessage());
        }
    }

    ChannelUID channel(String field) {
        return parsed(field, ChannelUID::parse);
    }

    ThingUID thing(String field) {
        return parsed(field, ThingUID::parse);
    }

    @Nullable
    BigDecimal optionalNumber(String field) {
        JsonNode value = optional(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw new RuleProblem(pointer + "/" + field, "must be a number");
        }
        return value.decimalValue();
    }

    int optionalInt(String field, int fallback, int min, int max) {
        JsonNode value = optional(field);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < min
                || value.intValue() > max) {
            throw new RuleProblem(pointer + "/" + field, "must be a whole number from " + min + " to " + max);
        }
        return value.intValue();
    }

    boolean optionalBoolean(String field, boolean fallback) {
        return optional(field) == null ? fallback : requiredBoolean(field);
    }

    boolean requiredBoolean(String field) {
        JsonNode value = required(field);
        if (!value.isBoolean()) {
            throw new RuleProblem(pointer + "/" + field, "must be true or false");
        }
        return value.booleanValue();
    }

    List<String> texts(String field) {
        JsonNode array = required(field);
        if (!array.isArray()) {
            throw new RuleProblem(pointer + "/" + field, "must be an array of strings");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isTextual()) {
                throw new RuleProblem(pointer + "/" + field + "/" + i, "must be a string");
            }
            texts.add(array.get(i).asText());
        }
        return texts;
    }

    <T> List<T> list(String field, boolean required, Function<RuleFields, T> reader) {
        JsonNode array = optional(field);
        if (array == null && !required) {
            return List.of();
        }
        if (array == null || !array.isArray() || required && array.isEmpty()) {
            throw new RuleProblem(pointer + "/" + field, "must be an array" + (required ? " of at least one" : ""));
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = pointer + "/" + field + "/" + i;
            if (!array.get(i).isObject()) {
                throw new RuleProblem(at, "must be an object with a \"type\"");
            }
            items.add(reader.apply(new RuleFields(array.get(i), at)));
        }
        return items;
    }
}
