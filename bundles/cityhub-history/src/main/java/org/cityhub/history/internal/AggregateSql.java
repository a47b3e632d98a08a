package org.cityhub.history.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.cityhub.api.persistence.Aggregate;
import org.cityhub.api.persistence.Bucket;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.State;

/**
 * The SQL that aggregates one channel's points per interval, in the database, in SQL that SQLite and PostgreSQL
 * both run (window functions, integer division). Parameters: {@code :start} and {@code :end} the range (µs),
 * {@code :step} the interval (µs), {@code :series}, and for the time-weighted average {@code :last}, where the
 * last point's weight ends (the range's end or now, whichever is earlier). Every query answers rows of: the
 * interval's index, the value (or, for first and last, the point's type, number and text), the interval's count
 * and, for numeric aggregates, the unit.
 */
final class AggregateSql {

    /** Number, on/off and open/closed points: those with a value to compute with (see {@link PointCodec}). */
    private static final String NUMERIC = "k IN (0, 1, 2)";
    private static final String RANGE = " FROM points WHERE series = :series AND t >= :start AND t < :end";
    private static final String INTERVAL = "(t - :start) / :step";

    private AggregateSql() {
    }

    /**
     * @param least the database's two-argument minimum: {@code min} in SQLite, {@code least} in PostgreSQL
     */
    static NamedSql of(Aggregate aggregate, String least) {
        return NamedSql.of(switch (aggregate) {
            case AVG, MIN, MAX, SUM -> "SELECT " + INTERVAL + " AS b, " + aggregate.id() + "(v), count(*), max(s)"
                    + RANGE + " AND " + NUMERIC + " GROUP BY b ORDER BY b";
            case COUNT -> "SELECT " + INTERVAL + " AS b, count(*), count(*), NULL" + RANGE + " GROUP BY b ORDER BY b";
            case FIRST, LAST -> "SELECT b, k, v, s, n FROM (SELECT " + INTERVAL + " AS b, k, v, s,"
                    + " row_number() OVER (PARTITION BY " + INTERVAL + " ORDER BY t"
                    + (aggregate == Aggregate.LAST ? " DESC" : "") + ") AS r,"
                    + " count(*) OVER (PARTITION BY " + INTERVAL + ") AS n" + RANGE + ") ranked WHERE r = 1 ORDER BY b";
            // each point weighs until the next point (of any state: an UNDEF ends a value), the interval's end or
            // the range's end; points that are not numbers carry no weight
            case TWA -> "SELECT b, sum(v * w) / sum(w), count(*), max(s) FROM (SELECT " + INTERVAL + " AS b, k, v, s,"
                    + " " + least + "(coalesce(lead(t) OVER (ORDER BY t), :last), :start + (" + INTERVAL + " + 1) * :step)"
                    + " - t AS w" + RANGE + ") weighed WHERE " + NUMERIC + " GROUP BY b HAVING sum(w) > 0 ORDER BY b";
        });
    }

    /** The bucket of one row of {@link #of}'s query. */
    static Bucket bucket(ResultSet row, Aggregate aggregate, long start, long step) throws SQLException {
        Instant bucketStart = PointCodec.instant(start + row.getLong(1) * step);
        if (aggregate == Aggregate.FIRST || aggregate == Aggregate.LAST) {
            return new Bucket(bucketStart, JdbcStore.state(row, 2), row.getLong(5));
        }
        long count = row.getLong(3);
        if (aggregate == Aggregate.COUNT) {
            return new Bucket(bucketStart, new NumberValue(java.math.BigDecimal.valueOf(count), null), count);
        }
        State value = new NumberValue(PointCodec.decimal(row.getDouble(2)), row.getString(4));
        return new Bucket(bucketStart, value, count);
    }
}
