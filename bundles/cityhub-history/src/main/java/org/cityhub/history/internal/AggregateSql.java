package org.cityhub.history.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.cityhub.api.persistence.Bucket;
import org.cityhub.api.types.NumberValue;

/**
 * The time-weighted average per interval, computed from points (summaries cannot carry it: a value's weight
 * depends on when the next point came), in SQL SQLite and PostgreSQL both run. Each point weighs until the next
 * point (of any state: an {@code UNDEF} ends a value), the end of its interval or {@code :last} (the range's end or
 * now), whichever comes first; points that are not numbers carry no weight. Rows: the interval's index, the value,
 * the count of numbers, the unit.
 */
final class AggregateSql {

    private static final String INTERVAL = "(t + :offset) / :step";

    private AggregateSql() {
    }

    /** @param least the database's two-argument minimum: {@code min} in SQLite, {@code least} in PostgreSQL */
    static NamedSql timeWeighted(String least) {
        return NamedSql.of("SELECT b, sum(v * w) / sum(w), count(*), max(s) FROM (SELECT " + INTERVAL + " AS b, k, v, s, "
                + least + "(coalesce(lead(t) OVER (ORDER BY t), :last), (" + INTERVAL + " + 1) * :step - :offset) - t AS w"
                + " FROM points WHERE series = :series AND t >= :start AND t < :end) weighed WHERE k IN (0, 1, 2)"
                + " GROUP BY b HAVING sum(w) > 0 ORDER BY b");
    }

    static Bucket bucket(ResultSet row, long step, long offset) throws SQLException {
        return new Bucket(PointCodec.instant(row.getLong(1) * step - offset),
                new NumberValue(PointCodec.computed(row.getDouble(2)), row.getString(4)), row.getLong(3));
    }
}
