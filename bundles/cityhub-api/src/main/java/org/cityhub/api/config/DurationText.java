package org.cityhub.api.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as people type it: {@code 90s}, {@code 15m}, {@code 12h}, {@code 30d}, or ISO-8601 ({@code P30D});
 * positive, and at most {@link #LONGEST}.
 */
public final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*([smhd])");
    /** The longest duration accepted, a century: anything longer is a typing error, and overflows instants. */
    public static final Duration LONGEST = Duration.ofDays(36_500);

    private DurationText() {
    }

    /**
     * The positive duration the text names.
     *
     * @throws IllegalArgumentException saying what forms are understood
     */
    public static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher shortForm = SHORT.matcher(trimmed);
        Duration duration;
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            duration = switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 90s, 15m, 12h, 30d"
                        + " or ISO-8601 like P30D");
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("a duration must be positive, was '" + text + "'");
        }
        if (duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("a duration is at most " + LONGEST.toDays() + " days, was '" + text + "'");
        }
        return duration;
    }
}
