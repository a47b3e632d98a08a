package org.cityhub.rules.internal;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A rule started by one of its triggers.
 *
 * @param rule the rule
 * @param trigger the JSON pointer of the trigger that started it
 * @param cause what happened, for the fired event and the actions' messages: {@code trigger} (its type) and, as
 *        the trigger has them, {@code thingUID}, {@code channel}, {@code value}, {@code status}, {@code event}
 * @param at when
 */
record Firing(RuleRuntime rule, String trigger, ObjectNode cause, Instant at) {

    /** The text with each {@code {name}} of the cause (and {@code {rule}}) replaced by its value. */
    String fill(String text) {
        if (text.indexOf('{') < 0) {
            return text;
        }
        String filled = text.replace("{rule}", rule.id());
        for (Iterator<Map.Entry<String, JsonNode>> fields = cause.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            filled = filled.replace("{" + field.getKey() + "}", value.isValueNode() ? value.asText() : value.toString());
        }
        return filled;
    }
}
