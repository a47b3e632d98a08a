package org.cityhub.history.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.cityhub.api.persistence.Aggregate;
import org.cityhub.api.persistence.Bucket;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.State;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One interval's summary as {@link PartialSql} reads it, from points or from summaries; two summaries of the same
 * interval (say, from hourly summaries and from the latest points) add up to the summary of both.
 *
 * @param bucket the interval's index
 * @param n points
 * @param nn points with a number
 * @param total the numbers' sum, or {@code null} without numbers
 * @param lo the lowest number, or {@code null}
 * @param hi the highest number, or {@code null}
 * @param unit the numbers' unit, or {@code null}
 * @param firstTime the first point's time (µs)
 * @param first the first point's state, or {@code null} if it was not asked for
 * @param lastTime the last point's time (µs)
 * @param last the last point's state, or {@code null} if it was not asked for
 */
record Partial(long bucket, long n, long nn, @Nullable Double total, @Nullable Double lo, @Nullable Double hi,
        @Nullable String unit, long firstTime, @Nullable State first, long lastTime, @Nullable State last) {

    /** The summary of a row whose interval index is at {@code column} and the {@link PartialSql#COLUMNS} follow. */
    static Partial read(ResultSet row, int column) throws SQLException {
        return new Partial(row.getLong(column), row.getLong(column + 1), row.getLong(column + 2),
                nullable(row, column + 3), nullable(row, column + 4), nullable(row, column + 5),
                row.getString(column + 6), row.getLong(column + 7), stateOrNull(row, column + 8),
                row.getLong(column + 11), stateOrNull(row, column + 12));
    }

    private static @Nullable State stateOrNull(ResultSet row, int column) throws SQLException {
        row.getInt(column);
        return row.wasNull() ? null : JdbcStore.state(row, column);
    }

    private static @Nullable Double nullable(ResultSet row, int column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    Partial plus(Partial other) {
        boolean otherFirst = other.firstTime < firstTime;
        boolean otherLast = other.lastTime > lastTime;
        return new Partial(bucket, n + other.n, nn + other.nn, add(total, other.total), pick(lo, other.lo, true),
                pick(hi, other.hi, false), unit != null ? unit : other.unit, otherFirst ? other.firstTime : firstTime,
                otherFirst ? other.first : first, otherLast ? other.lastTime : lastTime, otherLast ? other.last : last);
    }

    private static @Nullable Double add(@Nullable Double a, @Nullable Double b) {
        return a == null ? b : b == null ? a : a + b;
    }

    private static @Nullable Double pick(@Nullable Double a, @Nullable Double b, boolean lowest) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return lowest ? Math.min(a, b) : Math.max(a, b);
    }

    /** The interval's aggregate, or empty if it has nothing to compute it from (no numbers for a numeric one). */
    Optional<Bucket> bucket(Aggregate aggregate, long step, long offset) {
        java.time.Instant start = PointCodec.instant(bucket * step - offset);
        if (aggregate.numeric() && nn == 0) {
            return Optional.empty();
        }
        State value = switch (aggregate) {
            case AVG -> number(total / nn);
            case MIN -> number(lo);
            case MAX -> number(hi);
            case SUM -> number(total);
            case COUNT -> new NumberValue(BigDecimal.valueOf(n), null);
            case FIRST -> required(first);
            case LAST -> required(last);
            case TWA -> throw new IllegalArgumentException("the time-weighted average is computed from points");
        };
        return Optional.of(new Bucket(start, value, aggregate.numeric() ? nn : n));
    }

    private static State required(@Nullable State state) {
        if (state == null) {
            throw new IllegalStateException("first and last states were not read for this summary");
        }
        return state;
    }

    private NumberValue number(double value) {
        return new NumberValue(PointCodec.computed(value), unit);
    }
}
