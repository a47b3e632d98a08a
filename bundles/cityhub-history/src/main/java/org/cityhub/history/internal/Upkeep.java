package org.cityhub.history.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.cityhub.api.persistence.PersistenceException;
import org.cityhub.api.persistence.PersistenceService;
import org.cityhub.api.persistence.Resolution;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The scheduled work that keeps history's size in check: summarises what the store has not summarised yet, then
 * deletes what each channel's strategy no longer keeps (a channel's strategy is decided as when it is recorded,
 * by its thing's department and tags; a channel of a thing that is gone follows the default). Its work is counted
 * for metrics.
 */
final class Upkeep {

    /** Points younger than this are left for the next run: their hour may still be receiving points. */
    private static final Duration SETTLE = Duration.ofMinutes(1);

    private final Supplier<Optional<PersistenceService>> store;
    private final Supplier<Strategies> strategies;
    private final Function<ThingUID, Optional<Thing>> things;
    private final Clock clock;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong summaries = new AtomicLong();
    private final Map<Resolution, AtomicLong> deleted = new EnumMap<>(Resolution.class);
    private volatile double lastSeconds;
    private volatile @Nullable String lastProblem;

    Upkeep(Supplier<Optional<PersistenceService>> store, Supplier<Strategies> strategies,
            Function<ThingUID, Optional<Thing>> things, Clock clock) {
        this.store = store;
        this.strategies = strategies;
        this.things = things;
        this.clock = clock;
        for (Resolution resolution : Resolution.values()) {
            deleted.put(resolution, new AtomicLong());
        }
    }

    /** One run; a store that is away or fails is counted and tried again at the next run. */
    void run() {
        long started = System.nanoTime();
        runs.incrementAndGet();
        try {
            Optional<PersistenceService> target = store.get();
            if (target.isEmpty()) {
                throw new PersistenceException("no store is running");
            }
            Instant now = clock.instant();
            summaries.addAndGet(target.get().summarise(now.minus(SETTLE)));
            retain(target.get(), now);
            lastProblem = null;
        } catch (PersistenceException | RuntimeException e) {
            failures.incrementAndGet();
            lastProblem = e.getMessage();
        } finally {
            lastSeconds = (System.nanoTime() - started) / 1e9;
        }
    }

    private void retain(PersistenceService target, Instant now) throws PersistenceException {
        Strategies current = strategies.get();
        Map<Resolution, Map<Instant, List<ChannelUID>>> cuts = new EnumMap<>(Resolution.class);
        for (ChannelUID channel : target.channels()) {
            Optional<Thing> thing = things.apply(channel.thingUID());
            Strategies.Retention keep = current.of(channel, thing.map(Thing::department).orElse(null), things)
                    .retention();
            for (Resolution resolution : Resolution.values()) {
                Duration kept = keep.of(resolution);
                if (kept != null) {
                    cuts.computeIfAbsent(resolution, r -> new TreeMap<>())
                            .computeIfAbsent(now.minus(kept), c -> new ArrayList<>()).add(channel);
                }
            }
        }
        for (Map.Entry<Resolution, Map<Instant, List<ChannelUID>>> cut : cuts.entrySet()) {
            for (Map.Entry<Instant, List<ChannelUID>> before : cut.getValue().entrySet()) {
                deleted.get(cut.getKey()).addAndGet(target.delete(cut.getKey(), before.getKey(), before.getValue()));
            }
        }
    }

    long runs() {
        return runs.get();
    }

    long failures() {
        return failures.get();
    }

    long summaries() {
        return summaries.get();
    }

    long deleted(Resolution resolution) {
        return deleted.get(resolution).get();
    }

    double lastSeconds() {
        return lastSeconds;
    }

    @Nullable
    String lastProblem() {
        return lastProblem;
    }
}
