package org.cityhub.rules.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityhub.api.admin.AuditLog;
import org.cityhub.api.config.ConfigValues;
import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.MissedEvents;
import org.cityhub.api.event.OverflowPolicy;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;
import org.cityhub.api.metrics.MetricsProvider;
import org.cityhub.api.metrics.MetricsSink;
import org.cityhub.api.outbound.OutboundPolicy;
import org.cityhub.api.rules.RuleException;
import org.cityhub.api.rules.RuleException.Reason;
import org.cityhub.api.rules.RuleInfo;
import org.cityhub.api.rules.Rules;
import org.cityhub.api.sharing.Grants;
import org.cityhub.api.thing.ManagedThings;
import org.cityhub.api.thing.ThingCommands;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The rule engine: rules from {@code etc/rules/} (watched) and managed ones (REST, console), run off the bus. The
 * bus hands it only the events some rule watches (decided by an index lookup on the publisher's thread) into a
 * queue of its own; matching costs a lookup per event; conditions and actions run on threads of their own.
 * Changes of rules, and re-checks when grants or things change, run one at a time on the control thread.
 */
@Component(service = { Rules.class, MetricsProvider.class }, immediate = true, configurationPid = "org.cityhub.rules")
@Designate(ocd = RuleEngine.Config.class)
public final class RuleEngine implements Rules, MetricsProvider, EventSubscriber {

    /** Typed configuration, PID {@code org.cityhub.rules}. */
    @ObjectClassDefinition(name = "CityHub rules", description = "When-then rules of departments")
    public @interface Config {

        @AttributeDefinition(description = "Folder of rule files (<id>.json); empty for ${karaf.etc}/rules")
        String rulesDirectory() default "";

        @AttributeDefinition(description = "The hub's state folder; empty for ${karaf.base}/state")
        String stateDirectory() default "";

        @AttributeDefinition(description = "The city's time zone for schedules, times of day and conditions, e.g."
                + " Asia/Shanghai; empty for the machine's")
        String timeZone() default "";

        @AttributeDefinition(description = "Milliseconds each action may take before it is abandoned", min = "10")
        int actionBudgetMillis() default 5_000;

        @AttributeDefinition(description = "Seconds between looks at the rule files", min = "1")
        int pollSeconds() default 2;

        @AttributeDefinition(description = "Events that may wait for the engine; the oldest are dropped (counted)"
                + " past it", min = "1")
        int queueCapacity() default 65_536;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);
    private static final String PID = "org.cityhub.rules";
    private static final TopicFilter WATCHED = TopicFilter.of("cityhub/things/#", "cityhub/city/#", "cityhub/grants/#");

    private final ThingRegistry things;
    private final Grants grants;
    private final ExecutorService control = Executors.newSingleThreadExecutor(named("cityhub-rules-control"));
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, named("cityhub-rules-timer"));
    private final ExecutorService firings = Executors.newCachedThreadPool(named("cityhub-rule"));
    private final ZoneId zone;
    private final RuleFiles files;
    private final RuleStore store;
    private final FiringRunner runner;
    private final RuleBook book;
    private final TriggerMatcher matcher;
    private final AtomicBoolean memoryDirty = new AtomicBoolean();
    private final RuleMetrics metrics = new RuleMetrics();
    private final Subscription subscription;

    @Activate
    public RuleEngine(@Reference EventBus bus, @Reference ThingRegistry things, @Reference ThingCommands commands,
            @Reference ManagedThings managed, @Reference Grants grants, @Reference OutboundPolicy outbound,
            @Reference AuditLog audit, Config config) {
        this.things = things;
        this.grants = grants;
        this.zone = config.timeZone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(config.timeZone());
        this.files = new RuleFiles(config.rulesDirectory().isBlank()
                ? Path.of(System.getProperty("karaf.etc", "etc"), "rules") : Path.of(config.rulesDirectory()));
        this.store = new RuleStore((config.stateDirectory().isBlank()
                ? Path.of(System.getProperty("karaf.base", "."), "state") : Path.of(config.stateDirectory()))
                .resolve("rules"));
        Clock clock = Clock.systemUTC();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.runner = new FiringRunner(firings, new ActionPerformer(things, commands, managed, grants, bus, outbound,
                audit, http)::perform, things, bus, Duration.ofMillis(ConfigValues.atLeast(PID, "actionBudgetMillis",
                        config.actionBudgetMillis(), 10, 5_000)), zone, clock);
        this.matcher = new TriggerMatcher(runner::start, new Timers(timers, clock), things, zone,
                () -> memoryDirty.set(true));
        this.book = new RuleBook(things, grants, matcher, files::nameOf);
        await(control.submit(this::loadAll));
        this.subscription = bus.subscribe(WATCHED, this, SubscriptionOptions.named("rules")
                .withQueue(ConfigValues.atLeast(PID, "queueCapacity", config.queueCapacity(), 1, 65_536),
                        OverflowPolicy.DROP_OLDEST)
                .accepting(event -> book.index().relevant(event.topic())));
        int poll = ConfigValues.atLeast(PID, "pollSeconds", config.pollSeconds(), 1, 2);
        timers.scheduleWithFixedDelay(() -> control.execute(this::lookAtFiles), poll, poll, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(this::saveMemoryIfChanged, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        subscription.close();
        timers.shutdownNow();
        await(control.submit(() -> {
            book.all().forEach(RuleRuntime::stop);
            files.close();
        }));
        control.shutdownNow();
        firings.shutdownNow();
        memoryDirty.set(true);
        saveMemoryIfChanged();
    }

    private void loadAll() {
        RuleStore.Memory memory = store.loadMemory();
        Map<RuleBook.Source, RuleRuntime> loaded = new LinkedHashMap<>();
        store.loadManaged().forEach((id, text) -> load(new RuleBook.Source(id, text, "managed"), memory, loaded));
        RuleFiles.Changes changes = files.look();
        changes.changed().forEach((id, text) -> load(new RuleBook.Source(id, text, files.nameOf(id)), memory, loaded));
        book.installAll(loaded);
        LOG.info("{} rules loaded, {} of them running", loaded.size(), loaded.values().stream()
                .filter(RuleRuntime::live).count());
    }

    private void load(RuleBook.Source source, RuleStore.Memory memory, Map<RuleBook.Source, RuleRuntime> loaded) {
        RuleRuntime rule = readOrRefuse(source, !memory.disabled().contains(source.id()));
        memory.thresholds().getOrDefault(source.id(), Map.of()).forEach(rule::setThreshold);
        loaded.put(source, rule);
    }

    /** The rule of a document, or, if the document cannot be read as a rule at all, a placeholder refusing it. */
    private RuleRuntime readOrRefuse(RuleBook.Source source, boolean enabled) {
        try {
            return book.read(source, enabled);
        } catch (RuleProblem problem) {
            String department = "";
            Rule placeholder = new Rule(source.id(), department, source.id(), true, List.of(), List.of(), List.of(),
                    1, source.text());
            return new RuleRuntime(placeholder, source.origin(), book.where(source, problem), enabled);
        }
    }

    private void lookAtFiles() {
        RuleFiles.Changes changes = files.look();
        List<String> gone = changes.removed().stream()
                .filter(id -> book.source(id).filter(s -> !s.managed()).isPresent()).toList();
        if (!gone.isEmpty()) {
            book.removeAll(gone);
        }
        Map<RuleBook.Source, RuleRuntime> installing = new LinkedHashMap<>();
        changes.changed().forEach((id, text) -> {
            if (book.source(id).filter(RuleBook.Source::managed).isPresent()) {
                LOG.warn("rule file {} is ignored: a managed rule has id '{}'", files.nameOf(id), id);
                return;
            }
            RuleBook.Source source = new RuleBook.Source(id, text, files.nameOf(id));
            RuleRuntime previous = book.get(id).orElse(null);
            RuleRuntime next = readOrRefuse(source, previous == null || previous.enabled());
            if (next.checked() == null && previous != null && previous.checked() != null) {
                previous.setFileProblem(next.refusal() + " — the previous version keeps running");
                LOG.error("rule file {}: {}; the previous version keeps running", files.nameOf(id), next.refusal());
                return;
            }
            installing.put(source, next);
        });
        if (!installing.isEmpty()) {
            book.installAll(installing); // one index for a folder of new files, not one per file
        }
    }

    @Override
    public void onEvent(Event event) {
        String topic = event.topic();
        if (topic.startsWith("cityhub/grants/")) {
            String grantee = granteeOf(event);
            control.execute(() -> book.recheck(book.ofDepartment(grantee)));
            return;
        }
        if (topic.startsWith("cityhub/things/") && isDefinitionOrStatus(event.type())) {
            String thing = topic.substring("cityhub/things/".length(), topic.lastIndexOf('/'));
            if (!book.naming(thing).isEmpty() && (!event.type().equals("status") || anyRefused(thing))) {
                control.execute(() -> book.recheck(book.naming(thing)));
            }
        }
        metrics.eventsMatched.increment();
        matcher.onEvent(event, book.index());
    }

    private static String granteeOf(Event event) {
        try {
            return Json.parse(event.payload()).path("grantee").asText();
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isDefinitionOrStatus(String type) {
        return type.equals("added") || type.equals("updated") || type.equals("removed") || type.equals("status");
    }

    private boolean anyRefused(String thing) {
        return book.naming(thing).stream().map(book::get).flatMap(Optional::stream)
                .anyMatch(rule -> rule.checked() == null);
    }

    @Override
    public void onMissed(MissedEvents missed) {
        metrics.eventsMissed.add(missed.count());
        LOG.warn("the rule engine fell behind and missed {} events; raise queueCapacity", missed.count());
    }

    @Override
    public List<RuleInfo> list() {
        return book.sorted().stream().map(RuleRuntime::info).toList();
    }

    @Override
    public Optional<RuleInfo> get(String id) {
        return book.get(id).map(RuleRuntime::info);
    }

    @Override
    public RuleInfo define(String id, String definition, String actor) throws RuleException {
        return onControl(() -> {
            if (book.source(id).filter(source -> !source.managed()).isPresent()) {
                throw new RuleException(Reason.CONFLICT, "rule '" + id + "' is defined by " + files.nameOf(id)
                        + "; change the file");
            }
            RuleBook.Source source = new RuleBook.Source(id, definition, "managed");
            RuleRuntime rule;
            try {
                rule = book.read(source, book.get(id).map(RuleRuntime::enabled).orElse(true));
            } catch (RuleProblem problem) {
                throw new RuleException(Reason.INVALID, problem.describe());
            }
            if (rule.checked() == null) {
                throw new RuleException(Reason.INVALID, rule.refusal());
            }
            try {
                store.saveManaged(id, definition);
            } catch (IOException e) {
                throw new RuleException(Reason.STORAGE_FAILED, "rule '" + id + "' could not be stored: " + e);
            }
            book.install(source, rule);
            LOG.info("rule {} defined by {}", id, actor);
            return rule.info();
        });
    }

    @Override
    public void remove(String id, String actor) throws RuleException {
        onControl(() -> {
            RuleBook.Source source = book.source(id).orElseThrow(() -> notFound(id));
            if (!source.managed()) {
                throw new RuleException(Reason.CONFLICT, "rule '" + id + "' is defined by " + source.origin()
                        + "; remove the file");
            }
            try {
                store.removeManaged(id);
            } catch (IOException e) {
                throw new RuleException(Reason.STORAGE_FAILED, "rule '" + id + "' could not be removed: " + e);
            }
            book.remove(id);
            LOG.info("rule {} removed by {}", id, actor);
            return null;
        });
    }

    @Override
    public RuleInfo setEnabled(String id, boolean enabled, String actor) throws RuleException {
        return onControl(() -> {
            RuleRuntime rule = book.get(id).orElseThrow(() -> notFound(id));
            if (enabled && !rule.rule().enabled()) {
                throw new RuleException(Reason.CONFLICT, "rule '" + id + "' says \"enabled\": false in its document;"
                        + " change the document");
            }
            book.setEnabled(rule, enabled);
            memoryDirty.set(true);
            LOG.info("rule {} {} by {}", id, enabled ? "enabled" : "disabled", actor);
            return rule.info();
        });
    }

    @Override
    public String dryRun(String id) throws RuleException {
        return DryRun.of(book.get(id).orElseThrow(() -> notFound(id)), things, ZonedDateTime.now(zone));
    }

    @Override
    public void collect(MetricsSink sink) {
        metrics.collect(sink, book, runner);
    }

    private void saveMemoryIfChanged() {
        if (!memoryDirty.getAndSet(false)) {
            return;
        }
        try {
            store.saveMemory(book.memory());
        } catch (IOException e) {
            memoryDirty.set(true);
            LOG.error("the rules' memory could not be stored: {}", e.toString());
        }
    }

    /** A change of the rules, run on the control thread, one at a time; its refusal reaches the caller. */
    private <T> T onControl(RuleChange<T> change) throws RuleException {
        try {
            return control.submit(change::apply).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuleException(Reason.STORAGE_FAILED, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuleException refusal) {
                throw refusal;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static RuleException notFound(String id) {
        return new RuleException(Reason.NOT_FOUND, "no rule '" + id + "'");
    }

    private static void await(Future<?> task) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @FunctionalInterface
    private interface RuleChange<T> {
        T apply() throws RuleException;
    }
}
