package org.cityhub.history.internal;

import java.time.Duration;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.cityhub.api.config.ConfigValues;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.event.OverflowPolicy;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;
import org.cityhub.api.health.HealthCheck;
import org.cityhub.api.health.HealthIndicator;
import org.cityhub.api.metrics.MetricsProvider;
import org.cityhub.api.metrics.MetricsSink;
import org.cityhub.api.persistence.Aggregate;
import org.cityhub.api.persistence.Bucket;
import org.cityhub.api.persistence.ChannelHistory;
import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.persistence.HistoryPage;
import org.cityhub.api.persistence.HistoryStatus;
import org.cityhub.api.persistence.PersistenceException;
import org.cityhub.api.persistence.PersistenceService;
import org.cityhub.api.persistence.RecordingStrategy;
import org.cityhub.api.persistence.Resolution;
import org.cityhub.api.persistence.StoreInfo;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingRegistry;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's history: records every channel's states from the bus into the configured store and answers queries
 * from it. Recording subscribes to the bus like any other subscriber and resumes after the last point written
 * (the store keeps the event's sequence number with it), so an update of this bundle or of the store's loses
 * nothing the bus still holds.
 */
@Component(service = { ChannelHistory.class, HealthIndicator.class, MetricsProvider.class },
        configurationPid = HistoryService.PID, immediate = true)
@Designate(ocd = HistoryService.Config.class)
public final class HistoryService implements ChannelHistory, HealthIndicator, MetricsProvider {

    static final String PID = "org.cityhub.history";

    /** Typed configuration, PID {@code org.cityhub.history}; strategies are read from the same properties. */
    @ObjectClassDefinition(name = "CityHub history", description = "Where and how channel states are recorded")
    public @interface Config {

        @AttributeDefinition(description = "The store to write to: sqlite (embedded, under state/history) or the"
                + " name of another store bundle's service")
        String store() default "sqlite";

        @AttributeDefinition(description = "How channels no strategy selects are recorded: change, update,"
                + " every <duration>, threshold <number>[%] or none")
        String record() default "change";

        @AttributeDefinition(description = "Points that may wait for the store (while it is slow or away); more are"
                + " dropped and counted", min = "1000")
        int bufferPoints() default 100_000;

        @AttributeDefinition(description = "Megabytes of points that may wait in state/history/waiting.jsonl once"
                + " bufferPoints are waiting in memory; more are dropped and counted (0: none)", min = "0")
        int bufferDiskMegabytes() default 256;

        @AttributeDefinition(description = "The most points written in one transaction", min = "1")
        int batchPoints() default 1_000;

        @AttributeDefinition(description = "The most points, or intervals, one query answers", min = "10")
        int maxPoints() default 10_000;

        @AttributeDefinition(description = "Minutes between two runs of the upkeep that summarises points per hour and"
                + " day and deletes what retention lets go", min = "1")
        int upkeepMinutes() default 10;
    }

    private static final Logger LOG = LoggerFactory.getLogger(HistoryService.class);
    private static final TopicFilter STATES = TopicFilter.of(EventTopics.PREFIX + "things/+/channels/+/"
            + EventTopics.TYPE_STATE);
    /** Events that may wait for the recorder on the bus: a burst is queued there, not lost. */
    private static final int BUS_QUEUE = 65_536;
    private static final Duration STORE_GRACE = Duration.ofSeconds(10);

    private final EventBus bus;
    private final StrategyConfiguration strategyConfiguration;
    private final PointWriter writer;
    private final StateRecorder recorder;
    private final Map<String, PersistenceService> stores = new ConcurrentHashMap<>();
    private volatile String storeName;
    private volatile int maxPoints;
    private volatile ZoneOffset zone;
    private final Upkeep upkeep;
    private final ScheduledExecutorService upkeepThread = Executors.newSingleThreadScheduledExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "cityhub-history-upkeep");
                thread.setDaemon(true);
                return thread;
            });
    private @Nullable Subscription subscription; // guarded by this
    private boolean closed; // guarded by this

    @Activate
    public HistoryService(@Reference EventBus bus, @Reference ThingRegistry things,
            @Reference ConfigurationAdmin configurations, Config config, Map<String, Object> properties) {
        this.bus = bus;
        this.strategyConfiguration = new StrategyConfiguration(configurations, PID);
        this.storeName = config.store().trim();
        this.maxPoints = ConfigValues.atLeast(PID, "maxPoints", config.maxPoints(), 10, 10_000);
        this.writer = new PointWriter(ConfigValues.atLeast(PID, "bufferPoints", config.bufferPoints(), 1_000, 100_000),
                spillFile(ConfigValues.atLeast(PID, "bufferDiskMegabytes", config.bufferDiskMegabytes(), 0, 256)),
                ConfigValues.atLeast(PID, "batchPoints", config.batchPoints(), 1, 1_000), this::store,
                () -> "no store named '" + storeName + "' is running");
        this.recorder = new StateRecorder(writer, strategies(properties, Strategies.DEFAULT), things::get);
        this.zone = TimeZones.offset(properties);
        this.upkeep = new Upkeep(this::store, recorder::strategies, things::get, Clock.systemUTC());
        long every = ConfigValues.atLeast(PID, "upkeepMinutes", config.upkeepMinutes(), 1, 10);
        upkeepThread.scheduleWithFixedDelay(upkeep::run, 1, every, TimeUnit.MINUTES);
        Thread grace = new Thread(this::subscribeAfterGrace, "cityhub-history-start");
        grace.setDaemon(true);
        grace.start();
    }

    /** The file points wait in beyond memory, under {@code state/history/}; none if it cannot be made. */
    private static @Nullable SpillFile spillFile(int megabytes) {
        if (megabytes == 0) {
            return null;
        }
        Path file = Path.of(System.getProperty("karaf.base", "."), "state", "history", "waiting.jsonl");
        try {
            return new SpillFile(file, megabytes * 1024L * 1024L);
        } catch (IOException e) {
            LOG.error("History: {} cannot be used ({}); points beyond bufferPoints are dropped", file, e.getMessage());
            return null;
        }
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        maxPoints = ConfigValues.atLeast(PID, "maxPoints", config.maxPoints(), 10, 10_000);
        recorder.strategies(strategies(properties, recorder.strategies()));
        zone = TimeZones.offset(properties);
        String name = config.store().trim();
        if (!name.equals(storeName)) {
            LOG.info("History: writing to store '{}' from now on (was '{}')", name, storeName);
            storeName = name;
            writer.retryNow();
        }
    }

    /** The configured strategies, or if they are wrong, the ones in force so far, with an error saying why. */
    private static Strategies strategies(Map<String, Object> properties, Strategies current) {
        try {
            return Strategies.parse(properties);
        } catch (IllegalArgumentException e) {
            LOG.error("History: {} (etc/{}.cfg); the strategies stay as they were", e.getMessage(), PID);
            return current;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStore(PersistenceService store, Map<String, Object> properties) {
        Object name = properties.get(PersistenceService.STORE_PROPERTY);
        if (name == null) {
            LOG.warn("History: a store without the property {} is ignored", PersistenceService.STORE_PROPERTY);
            return;
        }
        stores.put(name.toString(), store);
        if (name.toString().equals(storeName)) {
            synchronized (this) {
                notifyAll(); // the start thread subscribes: reading where recording stopped may take a while
            }
            writer.retryNow();
        }
    }

    void removeStore(PersistenceService store, Map<String, Object> properties) {
        stores.values().remove(store);
    }

    private Optional<PersistenceService> store() {
        return Optional.ofNullable(stores.get(storeName));
    }

    /** Subscribes once the configured store is there, or after the grace period without it. */
    private void subscribeAfterGrace() {
        long deadline = System.nanoTime() + STORE_GRACE.toNanos();
        synchronized (this) {
            while (store().isEmpty() && !closed && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        subscribe(store().orElse(null));
    }

    /**
     * Starts recording once: resuming after the store's checkpoint if there is a store, else (no store came within
     * the grace period) from now on, points waiting in memory until one comes.
     */
    private void subscribe(@Nullable PersistenceService store) {
        long resumeAfter = -1;
        if (store == null) {
            LOG.warn("History: no store named '{}' came within {} s; recording from now on, points wait for it",
                    storeName, STORE_GRACE.toSeconds());
        } else {
            try {
                // outside the lock: a large history takes a while, and nothing else waits for it
                resumeAfter = store.checkpoint();
                store.latest(recorder::stored);
            } catch (PersistenceException e) {
                LOG.warn("History: cannot read where recording stopped ({}); recording from now on", e.getMessage());
            }
        }
        SubscriptionOptions options = SubscriptionOptions.named("history")
                .withQueue(BUS_QUEUE, OverflowPolicy.DROP_NEWEST);
        if (resumeAfter >= 0) {
            options = options.resumingAfter(resumeAfter);
        }
        synchronized (this) {
            if (subscription != null || closed) {
                return;
            }
            subscription = bus.subscribe(STATES, recorder, options);
        }
        LOG.info("History: recording to store '{}'{}", storeName,
                resumeAfter >= 0 ? ", resuming after event " + resumeAfter : "");
    }

    @Deactivate
    void stop() {
        Subscription active;
        synchronized (this) {
            closed = true;
            active = subscription;
            notifyAll();
        }
        if (active != null) {
            active.close();
        }
        upkeepThread.shutdownNow();
        writer.close();
    }

    @Override
    public HistoryPage points(ChannelUID channel, Instant from, Instant to, @Nullable Instant after, int limit)
            throws PersistenceException {
        if (limit < 1 || limit > maxPoints) {
            throw new IllegalArgumentException("a page holds 1 to " + maxPoints + " points, asked for " + limit);
        }
        return readable().points(channel, from, to, after, limit);
    }

    @Override
    public List<Bucket> aggregate(ChannelUID channel, Instant from, Instant to, Duration interval, Aggregate aggregate)
            throws PersistenceException {
        long intervals = Intervals.count(from, to, interval, zone);
        if (intervals > maxPoints) {
            throw new IllegalArgumentException("the range holds " + intervals + " intervals of " + interval
                    + "; at most " + maxPoints + " are answered: ask for an interval of at least "
                    + Intervals.text(Intervals.fitting(from, to, maxPoints, zone)));
        }
        return readable().aggregate(channel, from, to, interval, aggregate);
    }

    @Override
    public void latest(Consumer<HistoricState> each) throws PersistenceException {
        readable().latest(each);
    }

    private PersistenceService readable() throws PersistenceException {
        return store().orElseThrow(() -> new PersistenceException("no history store named '" + storeName
                + "' is running"));
    }

    @Override
    public int maxPoints() {
        return maxPoints;
    }

    @Override
    public HistoryStatus status() {
        StoreInfo info = null;
        String problem = writer.problem();
        Optional<PersistenceService> store = store();
        if (store.isPresent()) {
            try {
                info = store.get().info();
            } catch (PersistenceException | RuntimeException e) {
                problem = problem != null ? problem : e.getMessage();
            }
        } else if (problem == null) {
            problem = "no store named '" + storeName + "' is running";
        }
        return new HistoryStatus(storeName, problem, writer.queued(), writer.written(), writer.dropped(),
                recorder.missed(), info);
    }

    @Override
    public List<RecordingStrategy> strategies() {
        return recorder.strategies().described().stream().map(s -> new RecordingStrategy(s.name(),
                s.selectors().stream().map(Object::toString).toList(), s.recording().toString(),
                s.retention().toString())).toList();
    }

    @Override
    public RecordingStrategy defineStrategy(String name, Map<String, String> settings) throws IOException {
        return strategyConfiguration.define(name, settings);
    }

    @Override
    public boolean removeStrategy(String name) throws IOException {
        return strategyConfiguration.remove(name);
    }

    @Override
    public HealthCheck check() {
        String problem = writer.problem();
        if (problem == null && store().isEmpty()) {
            problem = "no store named '" + storeName + "' is running";
        }
        if (problem != null) {
            return new HealthCheck("history", true, "points are kept in memory and retried (" + writer.queued()
                    + " waiting, at most " + writer.bound() + "): " + problem, true);
        }
        String upkeepProblem = upkeep.lastProblem();
        if (upkeepProblem != null) {
            return new HealthCheck("history", true, "recording, but the last upkeep (summaries, retention) failed: "
                    + upkeepProblem, true);
        }
        return new HealthCheck("history", true, "recording to '" + storeName + "': " + writer.written()
                + " points written since start, " + writer.queued() + " waiting", writer.dropped() > 0);
    }

    @Override
    public void collect(MetricsSink sink) {
        Map<String, String> none = Map.of();
        sink.counter("cityhub_history_points_written_total", "Points written to the history store", none,
                writer.written());
        sink.counter("cityhub_history_points_dropped_total", "Points lost because more waited than bufferPoints",
                none, writer.dropped());
        sink.gauge("cityhub_history_points_queued", "Points waiting to be written in memory", none, writer.queued());
        sink.gauge("cityhub_history_points_spilled", "Points waiting to be written in the spill file", none,
                writer.spilled());
        sink.counter("cityhub_history_points_skipped_total", "State updates their strategy did not record", none,
                recorder.skipped());
        sink.counter("cityhub_history_events_missed_total", "State events that never reached the recorder", none,
                recorder.missed());
        sink.counter("cityhub_history_events_refused_total", "State events the recorder could not read", none,
                recorder.refused());
        sink.counter("cityhub_history_write_failures_total", "Batches the store failed to write (retried)", none,
                writer.failures());
        sink.counter("cityhub_history_batches_total", "Batches written", none, writer.batches());
        sink.counter("cityhub_history_write_seconds_total", "Time spent writing batches", none,
                writer.writeSeconds());
        sink.counter("cityhub_history_upkeep_runs_total", "Runs of the upkeep (summaries and retention)", none,
                upkeep.runs());
        sink.counter("cityhub_history_upkeep_failures_total", "Upkeep runs that failed (tried again at the next)",
                none, upkeep.failures());
        sink.gauge("cityhub_history_upkeep_last_seconds", "How long the last upkeep run took", none,
                upkeep.lastSeconds());
        sink.counter("cityhub_history_summaries_written_total", "Hourly and daily summaries written", none,
                upkeep.summaries());
        for (Resolution resolution : Resolution.values()) {
            sink.counter("cityhub_history_deleted_total", "Points and summaries deleted by retention",
                    Map.of("resolution", resolution.name().toLowerCase(Locale.ROOT)), upkeep.deleted(resolution));
        }
    }
}
