package org.cityhub.api.persistence;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the points of one interval are combined into one value. {@link #COUNT}, {@link #FIRST} and {@link #LAST}
 * apply to channels of every type; the others to numeric channels, and to on/off and open/closed channels, whose
 * states count as 1 (on, open) and 0 (off, closed), so that an average is the share of time or of reports.
 */
public enum Aggregate {
    /** The mean of the points' values. */
    AVG,
    /** The smallest value. */
    MIN,
    /** The largest value. */
    MAX,
    /** The sum of the values. */
    SUM,
    /** How many points were recorded, of any state. */
    COUNT,
    /** The interval's first state. */
    FIRST,
    /** The interval's last state. */
    LAST,
    /**
     * The time-weighted mean: each value weighs as long as it held within the interval, until the next point, the
     * interval's end or the query's end, whichever comes first.
     */
    TWA;

    /** The name used in queries: {@code avg}, {@code min}, …, {@code twa}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the aggregate needs values it can compute with (numbers, on/off, open/closed). */
    public boolean numeric() {
        return this != COUNT && this != FIRST && this != LAST;
    }

    /** The aggregate of this {@link #id() name}. */
    public static Optional<Aggregate> byId(String id) {
        return Arrays.stream(values()).filter(a -> a.id().equals(id)).findFirst();
    }

    /** Every aggregate's name, comma-separated, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(Aggregate::id).collect(Collectors.joining(", "));
    }
}
