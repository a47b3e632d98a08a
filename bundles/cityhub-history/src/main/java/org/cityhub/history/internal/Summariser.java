package org.cityhub.history.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.cityhub.api.persistence.PersistenceException;
import org.cityhub.api.persistence.Resolution;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A store's upkeep: summarises points per hour and hours per day as time passes (in chunks, each its own
 * transaction, so that writes of new points go on in between), summarises again the hours that received late
 * points, and deletes what retention lets go, points only where their hours are summarised and hourly summaries
 * only where their days are.
 */
final class Summariser {

    private static final long HOURS_PER_CHUNK = 24;
    private static final long DAYS_PER_CHUNK = 31;
    private static final int SERIES_PER_DELETE = 500;

    private final JdbcStore store;
    private final long offset;

    Summariser(JdbcStore store, long offset) {
        this.store = store;
        this.offset = offset;
    }

    /** Summarises up to the hour of {@code until} (µs); returns the summaries written. */
    long summarise(long until) throws PersistenceException {
        long written = 0;
        long hours = store.summarised();
        if (hours < 0) {
            long oldest = oldestPoint();
            if (oldest < 0) {
                return 0;
            }
            hours = floor(oldest, JdbcStore.HOUR);
        }
        long target = floor(until, JdbcStore.HOUR);
        long days = store.summarisedDays() >= 0 ? store.summarisedDays() : floor(hours, JdbcStore.DAY);
        while (hours < target) {
            long to = Math.min(hours + HOURS_PER_CHUNK * JdbcStore.HOUR, target);
            written += summarise(PartialSql.fromPoints(false, true), JdbcStore.HOUR, 0, hours, to, "summarised", to);
            hours = to;
            store.summarised(hours, store.summarisedDays());
        }
        TreeSet<Long> lateDays = new TreeSet<>();
        for (long hour : lateHours()) {
            written += store.write("summarising the late hour " + PointCodec.instant(hour), connection -> {
                long rows = update(connection, PartialSql.fromPoints(false, true), JdbcStore.HOUR, 0, hour,
                        hour + JdbcStore.HOUR);
                try (PreparedStatement done = connection.prepareStatement("DELETE FROM late WHERE t = ?")) {
                    done.setLong(1, hour);
                    done.executeUpdate();
                }
                return rows;
            });
            lateDays.add(floor(hour, JdbcStore.DAY));
        }
        long dayTarget = floor(hours, JdbcStore.DAY);
        while (days < dayTarget) {
            long to = Math.min(days + DAYS_PER_CHUNK * JdbcStore.DAY, dayTarget);
            written += summarise(PartialSql.fromSummaries(false), JdbcStore.DAY, JdbcStore.HOUR, days, to,
                    "summarised_days", to);
            days = to;
            store.summarised(hours, days);
        }
        for (long day : lateDays.headSet(days)) {
            written += summarise(PartialSql.fromSummaries(false), JdbcStore.DAY, JdbcStore.HOUR, day,
                    day + JdbcStore.DAY, null, 0);
        }
        return written;
    }

    private long summarise(String partials, long step, long source, long from, long to, @Nullable String watermark,
            long mark) throws PersistenceException {
        return store.write("summarising " + PointCodec.instant(from) + " to " + PointCodec.instant(to), connection -> {
            long rows = update(connection, partials, step, source, from, to);
            if (watermark != null) {
                JdbcStore.setMeta(connection, watermark, mark);
            }
            return rows;
        });
    }

    private long update(Connection connection, String partials, long step, long source, long from, long to)
            throws SQLException {
        NamedSql sql = NamedSql.of(PartialSql.insert(partials));
        try (PreparedStatement insert = connection.prepareStatement(sql.sql())) {
            sql.bind(insert, Map.of("step", step, "offset", offset, "source", source, "start", from, "end", to));
            return insert.executeUpdate();
        }
    }

    private long oldestPoint() throws PersistenceException {
        return store.read("finding the oldest point", connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT min((SELECT min(t) FROM points WHERE series = s.id))"
                            + " FROM series s")) {
                long oldest = row.next() ? row.getLong(1) : -1;
                return row.wasNull() ? -1L : oldest;
            }
        });
    }

    private List<Long> lateHours() throws PersistenceException {
        return store.read("reading late hours", connection -> {
            List<Long> hours = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT t FROM late ORDER BY t")) {
                while (rows.next()) {
                    hours.add(rows.getLong(1));
                }
            }
            return hours;
        });
    }

    /** Deletes a resolution's data of the series before {@code before} (µs); returns the rows deleted. */
    long delete(Resolution resolution, long before, List<Long> series) throws PersistenceException {
        long cutoff = switch (resolution) {
            case RAW -> Math.min(before, store.summarised());
            case HOURLY -> Math.min(before, store.summarisedDays());
            case DAILY -> before;
        };
        String table = switch (resolution) {
            case RAW -> "points WHERE";
            case HOURLY -> "summaries WHERE step = " + JdbcStore.HOUR + " AND";
            case DAILY -> "summaries WHERE step = " + JdbcStore.DAY + " AND";
        };
        long deleted = 0;
        for (int i = 0; i < series.size(); i += SERIES_PER_DELETE) {
            String ids = series.subList(i, Math.min(series.size(), i + SERIES_PER_DELETE)).stream()
                    .map(String::valueOf).collect(Collectors.joining(", "));
            deleted += store.write("deleting " + resolution.name().toLowerCase(Locale.ROOT) + " data", connection -> {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " series IN ("
                        + ids + ") AND t < ?")) {
                    delete.setLong(1, cutoff);
                    return (long) delete.executeUpdate();
                }
            });
        }
        return deleted;
    }

    /** The start of the hour or local day that holds the time. */
    private long floor(long micros, long step) {
        return Math.floorDiv(micros + offset, step) * step - offset;
    }
}
