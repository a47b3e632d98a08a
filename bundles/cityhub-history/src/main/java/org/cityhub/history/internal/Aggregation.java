package org.cityhub.history.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cityhub.api.persistence.Aggregate;
import org.cityhub.api.persistence.Bucket;
import org.cityhub.api.persistence.PersistenceException;
import org.cityhub.api.thing.ChannelUID;

/**
 * One channel's aggregate query, planned over what the store has: for intervals of whole days, daily summaries
 * where days are summarised; for whole hours, hourly summaries where hours are; points for the rest. The pieces of
 * one interval add up ({@link Partial}). The range widens to the intervals it touches, aligned to the hub's time
 * zone; the time-weighted average is always computed from points.
 */
final class Aggregation {

    private final JdbcStore store;
    private final ChannelUID channel;
    private final long series;
    private final long offset;

    Aggregation(JdbcStore store, ChannelUID channel, long series, long offset) {
        this.store = store;
        this.channel = channel;
        this.series = series;
        this.offset = offset;
    }

    List<Bucket> buckets(Instant from, Instant to, Duration interval, Aggregate aggregate)
            throws PersistenceException {
        long step = Math.max(1, PointCodec.micros(Instant.EPOCH.plus(interval)));
        long start = Math.floorDiv(PointCodec.micros(from) + offset, step) * step - offset;
        long end = -Math.floorDiv(-(PointCodec.micros(to) + offset), step) * step - offset;
        if (aggregate == Aggregate.TWA) {
            return timeWeighted(start, end, step);
        }
        boolean firstLast = aggregate == Aggregate.FIRST || aggregate == Aggregate.LAST;
        Map<Long, Partial> merged = new TreeMap<>();
        long cursor = start;
        long days = store.summarisedDays();
        long hours = store.summarised();
        if (step % JdbcStore.DAY == 0 && days > cursor) {
            cursor = partials(step, JdbcStore.DAY, cursor, Math.min(days, end), firstLast, merged);
        }
        if (step % JdbcStore.HOUR == 0 && hours > cursor) {
            cursor = partials(step, JdbcStore.HOUR, cursor, Math.min(hours, end), firstLast, merged);
        }
        if (cursor < end) {
            partials(step, 0, cursor, end, firstLast, merged);
        }
        List<Bucket> buckets = new ArrayList<>();
        merged.values().forEach(partial -> partial.bucket(aggregate, step, offset).ifPresent(buckets::add));
        return buckets;
    }

    /** Adds the summaries of [from, to) per interval, from points ({@code source} 0) or summaries; returns to. */
    private long partials(long step, long source, long from, long to, boolean firstLast, Map<Long, Partial> merged)
            throws PersistenceException {
        NamedSql sql = NamedSql.of(source == 0 ? PartialSql.fromPoints(true, firstLast) : PartialSql.fromSummaries(true));
        store.read("summarising points of " + channel, connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql.sql())) {
                sql.bind(query, Map.of("series", series, "step", step, "offset", offset, "source", source, "start", from,
                        "end", to));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Partial partial = Partial.read(rows, 2);
                        merged.merge(partial.bucket(), partial, Partial::plus);
                    }
                }
            }
            return null;
        });
        return to;
    }

    private List<Bucket> timeWeighted(long start, long end, long step) throws PersistenceException {
        long last = Math.max(start, Math.min(end, PointCodec.micros(store.now())));
        NamedSql sql = AggregateSql.timeWeighted(store.least());
        return store.read("averaging points of " + channel, connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql.sql())) {
                sql.bind(query, Map.of("series", series, "start", start, "step", step, "end", end, "last", last,
                        "offset", offset));
                List<Bucket> buckets = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        buckets.add(AggregateSql.bucket(rows, step, offset));
                    }
                }
                return buckets;
            }
        });
    }
}
