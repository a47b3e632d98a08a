package org.cityhub.api.types;

import java.time.OffsetDateTime;

/**
 * A point in time with its offset, as ISO-8601 on the wire.
 *
 * @param value the date and time
 */
public record DateTimeValue(OffsetDateTime value) implements State {

    public DateTimeValue {
        if (value == null) {
            throw new IllegalArgumentException("missing date-time value");
        }
    }

    @Override
    public String type() {
        return "datetime";
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
