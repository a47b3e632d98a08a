package org.cityhub.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.cityhub.api.types.Command;
import org.cityhub.api.types.ItemType;
import org.cityhub.api.types.DateTimeValue;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.OpenClosed;
import org.cityhub.api.types.PointValue;
import org.cityhub.api.types.State;
import org.cityhub.api.types.Text;
import org.cityhub.api.types.UnDef;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Channel states and commands in their JSON shapes. */
public final class StateJson {

    private StateJson() {
    }

    /** {@code {"type": "number", "value": 21.5, "unit": "°C", "updated": "…"}} and the other state shapes. */
    public static ObjectNode state(State state, @Nullable Instant updated) {
        ObjectNode node = Json.object().put("type", state.type());
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

    /**
     * Parses a state in the shape {@link #state(State, Instant)} writes (its {@code updated} is not read).
     *
     * @throws IllegalArgumentException saying what is wrong with it
     * @since 1.1
     */
    public static State parseState(@Nullable JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a state must be an object with a 'type'");
        }
        String type = node.path("type").asText("");
        JsonNode value = node.path("value");
        try {
            return switch (type) {
                case "number" -> new NumberValue(requireNumber(value, "value"), node.hasNonNull("unit")
                        ? node.get("unit").asText() : null);
                case "onoff" -> OnOff.valueOf(value.asText());
                case "openclosed" -> OpenClosed.valueOf(value.asText());
                case "text" -> new Text(requireText(value));
                case "datetime" -> new DateTimeValue(OffsetDateTime.parse(requireText(value)));
                case "point" -> new PointValue(requireNumber(node.path("lat"), "lat").doubleValue(),
                        requireNumber(node.path("lon"), "lon").doubleValue());
                case "null" -> UnDef.NULL;
                case "undef" -> UnDef.UNDEF;
                default -> throw new IllegalArgumentException("unknown state type '" + type + "'");
            };
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a datetime state's value must be ISO-8601 with an offset: "
                    + e.getMessage(), e);
        }
    }

    private static java.math.BigDecimal requireNumber(JsonNode node, String field) {
        if (!node.isNumber()) {
            throw new IllegalArgumentException("the state's '" + field + "' must be a number");
        }
        return node.decimalValue();
    }

    private static String requireText(JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException("the state's 'value' must be a string");
        }
        return node.asText();
    }

    /** A command as a request body carries it: {@code "ON"}, {@code {"value": 40, "unit": "%"}}, {@code "REFRESH"}. */
    public static JsonNode command(Command command) {
        if (command instanceof NumberValue n) {
            ObjectNode node = Json.object().put("value", n.value());
            return n.unit() == null ? node : node.put("unit", n.unit());
        }
        return JsonNodeFactory.instance.textNode(command.toString());
    }

    /**
     * Parses the {@code command} of a command body for a channel of the given item type: a string
     * ({@code "ON"}, {@code "REFRESH"}, a text), a number, or {@code {"value": 40, "unit": "%"}}.
     *
     * @throws IllegalArgumentException saying what the channel takes
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
}
