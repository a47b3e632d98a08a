package org.cityhub.history.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.cityhub.api.types.DateTimeValue;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.OpenClosed;
import org.cityhub.api.types.PointValue;
import org.cityhub.api.types.State;
import org.cityhub.api.types.Text;
import org.cityhub.api.types.UnDef;
import org.eclipse.jdt.annotation.Nullable;

/**
 * How a state is kept in a row of a store: a number to compute with ({@code v}: the number, 1 or 0 for on/off and
 * open/closed, epoch seconds for a date-time) and a text to restore it exactly ({@code s}: a number's unit, a
 * text, a date-time with its offset, a point), with its type as a small code.
 */
public final class PointCodec {

    /** Type codes as stored; the position in this list is the code, so entries are only ever appended. */
    private static final List<String> TYPES = List.of("number", "onoff", "openclosed", "text", "datetime", "point",
            "null", "undef");

    private PointCodec() {
    }

    /**
     * A state as stored.
     *
     * @param type the state's type code
     * @param number what aggregates compute with, or {@code null}
     * @param text what restores the state exactly (a number's unit), or {@code null}
     */
    public record Stored(int type, @Nullable Double number, @Nullable String text) {
    }

    public static int typeCode(String type) {
        int code = TYPES.indexOf(type);
        if (code < 0) {
            throw new IllegalArgumentException("no stored form for state type " + type);
        }
        return code;
    }

    public static Stored encode(State state) {
        int type = typeCode(state.type());
        if (state instanceof NumberValue n) {
            return new Stored(type, n.value().doubleValue(), n.unit());
        } else if (state instanceof OnOff o) {
            return new Stored(type, o == OnOff.ON ? 1.0 : 0.0, null);
        } else if (state instanceof OpenClosed o) {
            return new Stored(type, o == OpenClosed.OPEN ? 1.0 : 0.0, null);
        } else if (state instanceof Text t) {
            return new Stored(type, null, t.value());
        } else if (state instanceof DateTimeValue d) {
            Instant instant = d.value().toInstant();
            return new Stored(type, instant.getEpochSecond() + instant.getNano() / 1e9, d.value().toString());
        } else if (state instanceof PointValue p) {
            return new Stored(type, null, p.lat() + "," + p.lon());
        }
        return new Stored(type, null, null);
    }

    /**
     * The state a row holds.
     *
     * @throws IllegalArgumentException if the row is not one {@link #encode} wrote
     */
    public static State decode(int type, @Nullable Double number, @Nullable String text) {
        String name = type >= 0 && type < TYPES.size() ? TYPES.get(type) : "code " + type;
        switch (name) {
            case "number":
                return new NumberValue(decimal(required(number, name)), text);
            case "onoff":
                return OnOff.of(required(number, name) != 0);
            case "openclosed":
                return required(number, name) != 0 ? OpenClosed.OPEN : OpenClosed.CLOSED;
            case "text":
                return new Text(required(text, name));
            case "datetime":
                return new DateTimeValue(OffsetDateTime.parse(required(text, name)));
            case "point":
                String[] latLon = required(text, name).split(",", 2);
                return new PointValue(Double.parseDouble(latLon[0]), Double.parseDouble(latLon[1]));
            case "null":
                return UnDef.NULL;
            case "undef":
                return UnDef.UNDEF;
            default:
                throw new IllegalArgumentException("a stored point of unknown type " + name);
        }
    }

    private static <T> T required(@Nullable T value, String type) {
        if (value == null) {
            throw new IllegalArgumentException("a stored " + type + " point without its value");
        }
        return value;
    }

    /** A stored number as people write it: 21.5, 3 and 100, not 3.0 or 1E+2. */
    public static BigDecimal decimal(double value) {
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        return exact.scale() < 0 ? exact.setScale(0) : exact;
    }

    /**
     * A computed number (an average, a sum) without the noise of binary fractions: 15 significant digits, as many
     * as a double holds exactly, so 142.33999999999997 is 142.34 and every whole number below 10^15 stays whole.
     */
    public static BigDecimal computed(double value) {
        return decimal(new BigDecimal(value).round(new MathContext(15)).doubleValue());
    }

    /** An instant as microseconds since the epoch: how the stores keep time, ordered and exact to the µs. */
    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
