package org.cityhub.api.types;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.jdt.annotation.Nullable;

/**
 * What kind of value a channel holds, and so which states it takes and which commands it accepts.
 */
public enum ItemType {
    NUMBER("number", NumberValue.class, NumberValue.class),
    ONOFF("onoff", OnOff.class, OnOff.class),
    OPENCLOSED("openclosed", OpenClosed.class, null),
    TEXT("text", Text.class, Text.class),
    DATETIME("datetime", DateTimeValue.class, null),
    POINT("point", PointValue.class, null);

    private final String id;
    private final Class<? extends State> stateClass;
    private final @Nullable Class<? extends Command> commandClass;

    ItemType(String id, Class<? extends State> stateClass, @Nullable Class<? extends Command> commandClass) {
        this.id = id;
        this.stateClass = stateClass;
        this.commandClass = commandClass;
    }

    /** The name used in descriptors and JSON: {@code number}, {@code onoff}, … */
    public String id() {
        return id;
    }

    /** Finds an item type by its {@link #id()}. */
    public static Optional<ItemType> byId(String id) {
        for (ItemType type : values()) {
            if (type.id.equals(id)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether a channel of this type can hold the state; {@code NULL} and {@code UNDEF} fit every type. */
    public boolean accepts(State state) {
        return state instanceof UnDef || stateClass.isInstance(state);
    }

    /** Whether a channel of this type takes the command; every type takes {@code REFRESH}. */
    public boolean accepts(Command command) {
        return command == Refresh.REFRESH || (commandClass != null && commandClass.isInstance(command));
    }

    /** Whether this type takes any command besides {@code REFRESH}. */
    public boolean takesCommands() {
        return commandClass != null;
    }

    /**
     * Parses a command typed by a person or sent as plain text: {@code ON}, {@code 40}, {@code 40 %},
     * {@code REFRESH}, or any text for a text channel.
     *
     * @throws IllegalArgumentException saying what this type expected
     */
    public Command parseCommand(String text) {
        // NUL and other control characters are refused, not trimmed away: "40\0" is no number
        text.chars().filter(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r').findFirst()
                .ifPresent(c -> {
                    throw new IllegalArgumentException("the command contains the control character U+"
                            + String.format("%04X", c) + "; commands are text without control characters");
                });
        String trimmed = text.strip();
        if (trimmed.equalsIgnoreCase("REFRESH")) {
            return Refresh.REFRESH;
        }
        switch (this) {
            case ONOFF:
                String upper = trimmed.toUpperCase(Locale.ROOT);
                if (upper.equals("ON") || upper.equals("OFF")) {
                    return OnOff.valueOf(upper);
                }
                throw new IllegalArgumentException("'" + text + "' is not a command for an onoff channel: expected ON, OFF or REFRESH");
            case NUMBER:
                return parseNumber(trimmed);
            case TEXT:
                return new Text(text);
            default:
                throw new IllegalArgumentException("a " + id + " channel takes no command but REFRESH");
        }
    }

    private static NumberValue parseNumber(String text) {
        int space = text.indexOf(' ');
        String number = space < 0 ? text : text.substring(0, space);
        @Nullable String unit = space < 0 ? null : text.substring(space + 1).trim();
        try {
            return new NumberValue(new BigDecimal(number), unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a command for a number channel: expected a number,"
                    + " optionally followed by a unit (e.g. 40 or 40 %), or REFRESH");
        }
    }
}
