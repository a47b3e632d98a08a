package org.cityhub.api.persistence;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.cityhub.api.thing.ChannelUID;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The hub's channel history, a service of the hub: what REST, the console and rules query. It answers from the
 * configured {@link PersistenceService store}; it does not check who asks (callers check department scope first).
 */
@ProviderType
public interface ChannelHistory {

    /**
     * A page of a channel's raw points in a range.
     *
     * @param after where the page starts: the previous page's {@link HistoryPage#next()}, or {@code null}
     * @param limit the most points to return, at most {@link #maxPoints()}
     * @throws PersistenceException if the store is not available now
     */
    HistoryPage points(ChannelUID channel, Instant from, Instant to, @Nullable Instant after, int limit)
            throws PersistenceException;

    /**
     * A channel's points in a range, combined per interval.
     *
     * @throws IllegalArgumentException if the range holds more than {@link #maxPoints()} intervals
     * @throws PersistenceException if the store is not available now
     */
    List<Bucket> aggregate(ChannelUID channel, Instant from, Instant to, Duration interval, Aggregate aggregate)
            throws PersistenceException;

    /**
     * Gives every channel's latest recorded state, as the hub restores them at start.
     *
     * @throws PersistenceException if the store is not available now
     */
    void latest(Consumer<HistoricState> each) throws PersistenceException;

    /** The most points, or intervals, one query answers. */
    int maxPoints();

    /** How recording fares now; asks the store about itself, so it may take a moment. */
    HistoryStatus status();

    /** The recording strategies in force: the named ones by name, then the default. */
    List<RecordingStrategy> strategies();

    /**
     * Creates or replaces a named strategy, kept in the hub's configuration ({@code etc/org.cityhub.history.cfg})
     * and applied without a restart.
     *
     * @param name lower-case letters, digits and {@code -}
     * @param settings {@code select} and {@code record}, optionally {@code keepRaw}, {@code keepHourly},
     *        {@code keepDaily}, as in the configuration file
     * @return the strategy as it will be in force
     * @throws IllegalArgumentException naming the setting that is wrong and why
     * @throws IOException if the configuration cannot be stored
     */
    RecordingStrategy defineStrategy(String name, Map<String, String> settings) throws IOException;

    /**
     * Removes a named strategy; its channels follow the others or the default from then on.
     *
     * @return whether there was one
     * @throws IOException if the configuration cannot be stored
     */
    boolean removeStrategy(String name) throws IOException;
}
