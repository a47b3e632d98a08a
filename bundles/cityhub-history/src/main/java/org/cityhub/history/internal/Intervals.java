package org.cityhub.history.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Interval arithmetic for queries: how many a range holds, and the shortest round one that fits a limit. */
final class Intervals {

    /** Intervals people choose, shortest first; a suggestion is always one of them. */
    private static final List<Duration> ROUND = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1),
            Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(365));

    private Intervals() {
    }

    /** How many intervals the range holds, the last one possibly partial. */
    static long count(Instant from, Instant to, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("an interval must be positive, was " + interval);
        }
        Duration range = Duration.between(from, to);
        if (range.isNegative() || range.isZero()) {
            return 0;
        }
        long whole = range.dividedBy(interval);
        return range.minus(interval.multipliedBy(whole)).isZero() ? whole : whole + 1;
    }

    /** The shortest round interval that divides the range into at most {@code most} intervals. */
    static Duration fitting(Instant from, Instant to, int most) {
        for (Duration round : ROUND) {
            if (count(from, to, round) <= most) {
                return round;
            }
        }
        return Duration.between(from, to);
    }

    /** A duration as queries write it: {@code 90s}, {@code 5m}, {@code 1h}, {@code 7d}. */
    static String text(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        } else if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        } else if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
