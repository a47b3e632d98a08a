package org.cityhub.history.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

    /**
     * How many intervals the range touches, intervals being aligned to the time zone (a {@code 1h} interval starts
     * at a full hour, {@code 1d} at local midnight).
     */
    static long count(Instant from, Instant to, Duration interval, ZoneOffset zone) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("an interval must be positive, was " + interval);
        }
        if (!from.isBefore(to)) {
            return 0;
        }
        long step = Math.max(1, PointCodec.micros(Instant.EPOCH.plus(interval)));
        long offset = zone.getTotalSeconds() * 1_000_000L;
        long first = Math.floorDiv(PointCodec.micros(from) + offset, step);
        long last = Math.floorDiv(PointCodec.micros(to) - 1 + offset, step);
        return last - first + 1;
    }

    /** The shortest round interval that divides the range into at most {@code most} intervals. */
    static Duration fitting(Instant from, Instant to, int most, ZoneOffset zone) {
        for (Duration round : ROUND) {
            if (count(from, to, round, zone) <= most) {
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
