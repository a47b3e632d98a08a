package org.cityhub.rules.internal;

import java.util.Objects;
import java.util.OptionalInt;

import org.cityhub.api.types.DateTimeValue;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.State;

/**
 * Compares a channel's state with a rule's value: numbers by value (a unit on both sides must agree), date-times by
 * instant, everything else by equality. Nothing compares with {@code UNDEF} or {@code NULL} but itself.
 */
final class StateComparison {

    private StateComparison() {
    }

    /** {@code compareTo}'s sign of actual against expected, or empty when they cannot be compared. */
    static OptionalInt compare(State actual, State expected) {
        if (actual instanceof NumberValue number && expected instanceof NumberValue limit) {
            if (number.unit() != null && limit.unit() != null && !number.unit().equals(limit.unit())) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(number.value().compareTo(limit.value()));
        }
        if (actual instanceof DateTimeValue time && expected instanceof DateTimeValue limit) {
            return OptionalInt.of(time.value().toInstant().compareTo(limit.value().toInstant()));
        }
        if (actual.getClass() != expected.getClass()) {
            return OptionalInt.empty();
        }
        return Objects.equals(actual, expected) ? OptionalInt.of(0) : OptionalInt.of(1);
    }

    /** Whether two states are the same value (a {@code changed} trigger fires when they are not). */
    static boolean same(State a, State b) {
        OptionalInt compared = compare(a, b);
        return compared.isPresent() && compared.getAsInt() == 0;
    }
}
