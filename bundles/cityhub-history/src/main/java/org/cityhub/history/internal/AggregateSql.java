package org.cityhub.history.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.cityhub.api.persistence.Aggregate;
import org.cityhub.api.persistence.Bucket;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.State;

/**
 * The SQL that aggregates one channel's points per interval, in the database. Parameters: 1 the range's start
 * (µs), 2 the interval (µs), 3 the series, 4 the range's end (µs), and for the time-weighted average 5 where the
 * last point's weight ends (the range's end or now, whichever is earlier). Every query answers rows of: the
 * interval's index, the value (or, for first and last, the point's type, number and text), the interval's count
 * and, for numeric aggregates, the unit.
 */
final class AggregateSql {

    /** Number, on/off and open/closed points: those with a value to compute with (see {@link PointCodec}). */
    private static final String NUMERIC = "k IN (0, 1, 2)";
    private static final String RANGE = " FROM points WHERE series = ?3 AND t >= ?1 AND t < ?4";
    private static final String INTERVAL = "(t - ?1) / ?2";

    private AggregateSql() {
    }

    static String of(Aggregate aggregate) {
        return switch (aggregate) {
            case AVG, MIN, MAX, SUM -> "SELECT " + INTERVAL + " AS b, " + aggregate.id() + "(v), count(*), max(s)"
                    + RANGE + " AND " + NUMERIC + " GROUP BY b ORDER BY b";
            case COUNT -> "SELECT " + INTERVAL + " AS b, count(*), count(*), NULL" + RANGE + " GROUP BY b ORDER BY b";
            // SQLite takes the bare columns of a min() or max() query from the row that has the min or max
            case FIRST -> "SELECT " + INTERVAL + " AS b, k, v, s, min(t), count(*)" + RANGE + " GROUP BY b ORDER BY b";
            case LAST -> "SELECT " + INTERVAL + " AS b, k, v, s, max(t), count(*)" + RANGE + " GROUP BY b ORDER BY b";
            // each point weighs until the next point (of any state: an UNDEF ends a value), the interval's end or
            // the range's end; points that are not numbers carry no weight
            case TWA -> "SELECT b, sum(v * w) / sum(w), count(*), max(s) FROM (SELECT " + INTERVAL + " AS b, k, v, s,"
                    + " min(coalesce(lead(t) OVER (ORDER BY t), ?5), ?1 + (" + INTERVAL + " + 1) * ?2) - t AS w"
                    + RANGE + ") WHERE " + NUMERIC + " GROUP BY b HAVING sum(w) > 0 ORDER BY b";
        };
    }

    /** The bucket of one row of {@link #of}'s query. */
    static Bucket bucket(ResultSet row, Aggregate aggregate, long start, long step) throws SQLException {
        java.time.Instant bucketStart = PointCodec.instant(start + row.getLong(1) * step);
        if (aggregate == Aggregate.FIRST || aggregate == Aggregate.LAST) {
            return new Bucket(bucketStart, SqliteStore.state(row, 2), row.getLong(6));
        }
        long count = row.getLong(3);
        if (aggregate == Aggregate.COUNT) {
            return new Bucket(bucketStart, new NumberValue(BigDecimal.valueOf(count), null), count);
        }
        State value = new NumberValue(PointCodec.decimal(row.getDouble(2)), row.getString(4));
        return new Bucket(bucketStart, value, count);
    }
}
