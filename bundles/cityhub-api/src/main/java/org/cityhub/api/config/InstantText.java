package org.cityhub.api.config;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A point in time as people type it in queries: ISO-8601 with an offset ({@code 2026-12-01T08:00:00+08:00},
 * {@code 2026-12-01T00:00:00Z}), {@code now}, or a time before now ({@code -24h}, {@code -15m}, {@code -P7D}).
 *
 * @since 1.2
 */
public final class InstantText {

    private InstantText() {
    }

    /**
     * The instant the text names.
     *
     * @param now what {@code now} and relative times count from
     * @throws IllegalArgumentException saying which forms are understood
     */
    public static Instant parse(String text, Instant now) {
        String trimmed = text.trim();
        try {
            if (trimmed.equals("now")) {
                return now;
            }
            if (trimmed.startsWith("-")) {
                return now.minus(DurationText.parse(trimmed.substring(1)));
            }
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: write ISO-8601 with an offset"
                    + " (2026-12-01T08:00:00+08:00 or ...Z), now, or a time before now such as -24h or -P7D", e);
        }
    }
}
