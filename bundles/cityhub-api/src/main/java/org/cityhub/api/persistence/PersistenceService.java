package org.cityhub.api.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.cityhub.api.thing.ChannelUID;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A store of channel history, registered as an OSGi service with the property {@value #STORE_PROPERTY} naming it
 * ({@code sqlite}, {@code postgresql}, …); the hub writes to the one its configuration names. The hub calls it from
 * its own threads, never from the event bus: a store may block while it writes or reads. Aggregates are computed
 * by the store (in its database), never by loading a range into memory.
 */
@ConsumerType
public interface PersistenceService {

    /** The service property that names a store. */
    String STORE_PROPERTY = "cityhub.store";

    /**
     * Writes states durably, with the checkpoint, in one transaction: once this returns, all of them are stored,
     * and if it throws, none is. States of one channel come in time order, each later than the one stored before.
     *
     * @param states the states, at least one
     * @param checkpoint an opaque number the hub stores with them and reads back through {@link #checkpoint()}
     * @throws PersistenceException if the store cannot write them now
     */
    void store(List<HistoricState> states, long checkpoint) throws PersistenceException;

    /** The checkpoint stored with the last states written, or -1 if none was. */
    long checkpoint() throws PersistenceException;

    /**
     * A channel's states in a range, in time order.
     *
     * @param from the range's start, included
     * @param to the range's end, excluded
     * @param after if not {@code null}, only points later than this (the {@link HistoryPage#next()} of a page)
     * @param limit the most points to return
     */
    HistoryPage points(ChannelUID channel, Instant from, Instant to, @Nullable Instant after, int limit)
            throws PersistenceException;

    /**
     * A channel's points in a range, combined per interval; intervals without points are left out. Intervals are
     * aligned to the hub's time zone: a {@code 1h} interval starts at a full hour, {@code 1d} at local midnight,
     * {@code 15m} at :00, :15, :30 and :45; the first and last may reach beyond the range, and only the range's
     * points count. Over intervals of whole hours the store answers from its hourly and daily summaries where it
     * has them, so a long range costs little, and after its points have been deleted.
     *
     * @param from the range's start, included
     * @param to the range's end, excluded
     * @param interval the length of each interval
     * @param aggregate how the points of an interval are combined; a numeric aggregate of a channel whose states
     *        are not numbers yields no buckets
     */
    List<Bucket> aggregate(ChannelUID channel, Instant from, Instant to, Duration interval, Aggregate aggregate)
            throws PersistenceException;

    /** Every channel the store holds points or summaries of. */
    List<ChannelUID> channels() throws PersistenceException;

    /**
     * Summarises the points before a time into hourly and daily summaries: every hour not summarised yet that ends
     * by then, hours that received late points again, and every day whose hours are all summarised.
     *
     * @return how many summaries were written
     */
    long summarise(Instant until) throws PersistenceException;

    /**
     * Deletes a resolution's data of some channels before a time, as retention asks; points are deleted only where
     * they are summarised.
     *
     * @return how many points or summaries were deleted
     */
    long delete(Resolution resolution, Instant before, Collection<ChannelUID> channels) throws PersistenceException;

    /** Gives every channel's latest state, as the hub restores them at start. */
    void latest(Consumer<HistoricState> each) throws PersistenceException;

    /** What the store says about itself. */
    StoreInfo info() throws PersistenceException;
}
