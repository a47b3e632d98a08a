package org.cityhub.api.thing;

import java.math.BigDecimal;

import org.eclipse.jdt.annotation.Nullable;

/**
 * The values a number channel takes, in its own unit: from {@code min} to {@code max} in steps of {@code step}, each
 * optional. A console draws a slider from it, and the hub refuses a command outside it before a binding sees it.
 *
 * @param min the least value, or {@code null} for none
 * @param max the greatest value, or {@code null} for none
 * @param step the step a console moves by, or {@code null} for any
 */
public record NumberRange(@Nullable BigDecimal min, @Nullable BigDecimal max, @Nullable BigDecimal step) {

    /** No bound: any number. */
    public static final NumberRange ANY = new NumberRange(null, null, null);

    /** @throws IllegalArgumentException if {@code min} is above {@code max} or {@code step} is not positive */
    public NumberRange {
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min " + min.toPlainString() + " is above max " + max.toPlainString());
        }
        if (step != null && step.signum() <= 0) {
            throw new IllegalArgumentException("step must be above 0, was " + step.toPlainString());
        }
    }

    /** Whether {@code value} lies within the bounds (the step is a console's, not a bound). */
    public boolean contains(BigDecimal value) {
        return (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
    }

    /** {@code "0 to 100"}, {@code "at least 0"}, {@code "at most 100"} or {@code "any number"}. */
    public String describe() {
        if (min != null && max != null) {
            return min.toPlainString() + " to " + max.toPlainString();
        }
        if (min != null) {
            return "at least " + min.toPlainString();
        }
        return max != null ? "at most " + max.toPlainString() : "any number";
    }
}
