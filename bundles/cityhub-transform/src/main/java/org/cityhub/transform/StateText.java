package org.cityhub.transform;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.DateTimeValue;
import org.cityhub.api.types.ItemType;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.OpenClosed;
import org.cityhub.api.types.PointValue;
import org.cityhub.api.types.State;
import org.cityhub.api.types.Text;
import org.cityhub.api.types.UnDef;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The last step of every inbound chain, and the first of every outbound one: text as a channel's state, and a
 * command as text for a device.
 */
public final class StateText {

    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(\\S.*)?");

    private StateText() {
    }

    /**
     * The state a channel of this item type holds for the text: a number (with the channel's unit, or the one
     * written after it), {@code ON}/{@code OFF} (also {@code true}/{@code false}, {@code 1}/{@code 0}),
     * {@code OPEN}/{@code CLOSED}, a text, a date-time (ISO-8601, or seconds since 1970), a point
     * ({@code lat,lon}); {@code UNDEF} and {@code NULL} for every type.
     *
     * @throws TransformationException if the text is no state of the type
     */
    public static State toState(String text, ItemType type, @Nullable String unit) throws TransformationException {
        String value = text.trim();
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.equals("UNDEF") || upper.equals("NULL")) {
            return UnDef.valueOf(upper);
        }
        switch (type) {
            case NUMBER:
                return number(value, unit);
            case ONOFF:
                return switch (upper) {
                    case "ON", "TRUE", "1" -> OnOff.ON;
                    case "OFF", "FALSE", "0" -> OnOff.OFF;
                    default -> throw refused(value, type);
                };
            case OPENCLOSED:
                return switch (upper) {
                    case "OPEN", "TRUE", "1" -> OpenClosed.OPEN;
                    case "CLOSED", "FALSE", "0" -> OpenClosed.CLOSED;
                    default -> throw refused(value, type);
                };
            case DATETIME:
                return dateTime(value);
            case POINT:
                return point(value);
            default:
                return new Text(value);
        }
    }

    /** A command as a device takes it: {@code ON}, {@code 40}, a text. */
    public static String ofCommand(Command command) {
        if (command instanceof NumberValue number) {
            return number.value().toPlainString();
        }
        if (command instanceof Text text) {
            return text.value();
        }
        return command.toString();
    }

    /**
     * The state a channel takes when a command to it succeeded and the device does not report back: the command
     * itself, if it is a state of the channel's type ({@code ON}, {@code 40 %}); empty for commands that are no
     * state ({@code INCREASE}).
     */
    public static Optional<State> assumedState(Command command, ChannelDefinition channel) {
        try {
            return Optional.of(toState(ofCommand(command), channel.itemType(), channel.unit()));
        } catch (TransformationException e) {
            return Optional.empty();
        }
    }

    private static State number(String value, @Nullable String unit) throws TransformationException {
        Matcher matcher = NUMBER_WITH_UNIT.matcher(value);
        if (!matcher.matches()) {
            throw refused(value, ItemType.NUMBER);
        }
        String written = matcher.group(2);
        try {
            return new NumberValue(new BigDecimal(matcher.group(1)), unit != null ? unit : written);
        } catch (IllegalArgumentException e) { // out of range
            throw new TransformationException(e.getMessage());
        }
    }

    private static State dateTime(String value) throws TransformationException {
        try {
            if (value.matches("\\d{9,13}")) {
                long number = Long.parseLong(value);
                Instant instant = value.length() > 10 ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
                return new DateTimeValue(instant.atOffset(ZoneOffset.UTC));
            }
            return new DateTimeValue(OffsetDateTime.parse(value));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw refused(value, ItemType.DATETIME);
        }
    }

    private static State point(String value) throws TransformationException {
        String[] parts = value.split(",");
        try {
            if (parts.length == 2) {
                return new PointValue(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw refused(value, ItemType.POINT);
    }

    private static TransformationException refused(String value, ItemType type) {
        return new TransformationException("'" + TransformChain.abbreviate(value) + "' is not a state of a "
                + type.id() + " channel");
    }
}
