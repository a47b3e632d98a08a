package org.cityhub.api.types;

import java.math.BigDecimal;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A number, optionally with a unit (a UCUM code or the usual symbol, e.g. {@code °C}, {@code µg/m3}).
 *
 * <p>Numbers are bounded, wherever they come from (a request, a thing file, a device): at most
 * {@value #MAX_DIGITS} significant digits, and a magnitude between 1e-{@value #MAX_EXPONENT} and
 * 1e{@value #MAX_EXPONENT}. No measurement needs more, and a number such as {@code 1e999999999}, harmless as a
 * token, would otherwise become a gigabyte of digits wherever it is written out.
 *
 * @param value the number
 * @param unit the unit, or {@code null} for a plain number
 */
public record NumberValue(BigDecimal value, @Nullable String unit) implements State, Command {

    /** The most significant digits a number may have. */
    public static final int MAX_DIGITS = 64;
    /** The largest decimal exponent, either way, a number's magnitude may have. */
    public static final int MAX_EXPONENT = 100;

    /** @throws IllegalArgumentException if the value is missing or out of the bounds above */
    public NumberValue {
        if (value == null) {
            throw new IllegalArgumentException("missing number value");
        }
        checkBounds(value);
        if (unit != null && unit.isBlank()) {
            unit = null;
        }
    }

    /**
     * Checks that a number is within the bounds every number of the hub keeps to.
     *
     * @param value the number
     * @return the number
     * @throws IllegalArgumentException saying which bound it breaks
     */
    public static BigDecimal checkBounds(BigDecimal value) {
        if (value.signum() == 0) {
            return value;
        }
        int exponent = value.precision() - value.scale() - 1;
        if (value.precision() > MAX_DIGITS || value.scale() > MAX_EXPONENT + MAX_DIGITS
                || Math.abs(exponent) > MAX_EXPONENT) {
            throw new IllegalArgumentException("the number " + shortForm(value) + " is out of range: at most "
                    + MAX_DIGITS + " significant digits and a magnitude within 1e-" + MAX_EXPONENT + " to 1e"
                    + MAX_EXPONENT);
        }
        return value;
    }

    private static String shortForm(BigDecimal value) {
        String text = value.toString(); // scientific notation for large exponents: never huge
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** A plain number without unit. */
    public static NumberValue of(double value) {
        return new NumberValue(BigDecimal.valueOf(value), null);
    }

    /** A number with a unit. */
    public static NumberValue of(double value, String unit) {
        return new NumberValue(BigDecimal.valueOf(value), unit);
    }

    @Override
    public String type() {
        return "number";
    }

    @Override
    public String toString() {
        return unit == null ? value.toPlainString() : value.toPlainString() + " " + unit;
    }
}
