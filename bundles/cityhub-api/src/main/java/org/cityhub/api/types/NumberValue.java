package org.cityhub.api.types;

import java.math.BigDecimal;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A number, optionally with a unit (a UCUM code or the usual symbol, e.g. {@code °C}, {@code µg/m3}).
 *
 * @param value the number
 * @param unit the unit, or {@code null} for a plain number
 */
public record NumberValue(BigDecimal value, @Nullable String unit) implements State, Command {

    public NumberValue {
        if (value == null) {
            throw new IllegalArgumentException("missing number value");
        }
        if (unit != null && unit.isBlank()) {
            unit = null;
        }
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
