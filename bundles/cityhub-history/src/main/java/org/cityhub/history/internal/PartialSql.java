package org.cityhub.history.internal;

/**
 * The SQL of summaries, in SQL SQLite and PostgreSQL both run: per channel ({@code series}) and interval
 * ({@code b}, the interval's index, aligned to the hub's time zone by {@code :offset}), the count of points
 * ({@code n}), of points with numbers ({@code nn}), their total, lowest and highest number, the unit, and the
 * first and last state with their times. Computed from points or from finer summaries alike, so that an interval
 * can be summarised from any mix of them and the pieces added up ({@link Partial}).
 */
final class PartialSql {

    /** The columns of a summary, after {@code series} and {@code b} (or {@code t} in the table). */
    static final String COLUMNS = "n, nn, total, lo, hi, u, ft, fk, fv, fs, lt, lk, lv, ls";
    private static final String NUMERIC = "k IN (0, 1, 2)"; // number, onoff, openclosed (PointCodec)
    private static final String INTERVAL = "(t + :offset) / :step";
    private static final String RANKS = INTERVAL + " AS b, row_number() OVER (PARTITION BY series, " + INTERVAL
            + " ORDER BY t) AS rf, row_number() OVER (PARTITION BY series, " + INTERVAL + " ORDER BY t DESC) AS rl";
    private static final String FIRST_LAST = "max(CASE WHEN rf = 1 THEN %1$sk END) AS fk, max(CASE WHEN rf = 1 THEN"
            + " %1$sv END) AS fv, max(CASE WHEN rf = 1 THEN %1$ss END) AS fs, max(%3$s) AS lt, max(CASE WHEN rl = 1 THEN"
            + " %2$sk END) AS lk, max(CASE WHEN rl = 1 THEN %2$sv END) AS lv, max(CASE WHEN rl = 1 THEN %2$ss END) AS ls";

    private PartialSql() {
    }

    /**
     * Summaries per interval of {@code :step} from points in [{@code :start}, {@code :end}).
     *
     * @param firstLast whether the first and last states are wanted: ranking every point costs more than the
     *        rest of the query, so a query for numbers leaves them out (as {@code NULL})
     */
    static String fromPoints(boolean oneSeries, boolean firstLast) {
        String from = " FROM points WHERE t >= :start AND t < :end" + (oneSeries ? " AND series = :series" : "");
        String numbers = "SELECT series, b, count(*) AS n, count(CASE WHEN " + NUMERIC + " THEN 1 END) AS nn,"
                + " sum(CASE WHEN " + NUMERIC + " THEN v END) AS total, min(CASE WHEN " + NUMERIC + " THEN v END) AS lo,"
                + " max(CASE WHEN " + NUMERIC + " THEN v END) AS hi, max(CASE WHEN k = 0 THEN s END) AS u, min(t) AS ft, ";
        if (!firstLast) {
            return numbers + "NULL AS fk, NULL AS fv, NULL AS fs, max(t) AS lt, NULL AS lk, NULL AS lv, NULL AS ls"
                    + " FROM (SELECT series, t, k, v, s, " + INTERVAL + " AS b" + from + ") x GROUP BY series, b";
        }
        return numbers + String.format(FIRST_LAST, "", "", "t") + " FROM (SELECT series, t, k, v, s, " + RANKS + from
                + ") x GROUP BY series, b";
    }

    /** Summaries per interval of {@code :step} from finer summaries (of {@code :source}) starting in the range. */
    static String fromSummaries(boolean oneSeries) {
        return "SELECT series, b, sum(n) AS n, sum(nn) AS nn, sum(total) AS total, min(lo) AS lo, max(hi) AS hi,"
                + " max(u) AS u, min(ft) AS ft, " + String.format(FIRST_LAST, "f", "l", "lt")
                + " FROM (SELECT series, t, " + COLUMNS + ", " + RANKS + " FROM summaries WHERE step = :source"
                + " AND t >= :start AND t < :end" + (oneSeries ? " AND series = :series" : "") + ") x GROUP BY series, b";
    }

    /** Writes the summaries of a {@link #fromPoints} or {@link #fromSummaries} query, replacing those there. */
    static String insert(String partials) {
        StringBuilder updates = new StringBuilder();
        for (String column : COLUMNS.split(", ")) {
            updates.append(updates.length() == 0 ? "" : ", ").append(column).append(" = excluded.").append(column);
        }
        // SQLite needs a WHERE before ON CONFLICT to tell the upsert from a join
        return "INSERT INTO summaries (series, step, t, " + COLUMNS + ") SELECT series, :step, b * :step - :offset, "
                + COLUMNS + " FROM (" + partials + ") p WHERE true ON CONFLICT (series, step, t) DO UPDATE SET "
                + updates;
    }
}
