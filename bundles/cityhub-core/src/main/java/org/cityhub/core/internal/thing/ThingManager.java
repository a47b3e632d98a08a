package org.cityhub.core.internal.thing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.config.ConfigValidator;
import org.cityhub.api.config.ConfigValues;
import org.cityhub.api.config.ThingChannels;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.DefinitionProblem;
import org.cityhub.api.thing.InputErrors;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingCommands;
import org.cityhub.api.thing.ThingPage;
import org.cityhub.api.thing.ThingQuery;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.State;
import org.cityhub.core.internal.thing.handler.ActiveHandler;
import org.cityhub.core.internal.thing.handler.HandlerRunner;
import org.cityhub.core.internal.thing.handler.ReportLimits;
import org.cityhub.core.internal.thing.state.BindingErrors;
import org.cityhub.core.internal.thing.state.StateCache;
import org.cityhub.core.internal.thing.state.ThingStatusBook;
import org.cityhub.core.internal.thing.type.ThingTypeSource;
import org.cityhub.json.Json;
import org.cityhub.json.StateJson;
import org.cityhub.json.ThingJson;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the things: takes their definitions from their sources, gives each a handler when a binding that supports
 * its type is installed, disposes it when the binding leaves (the thing keeps its definition and states, as
 * {@code UNINITIALIZED / HANDLER_MISSING}), and passes commands on. Every lifecycle change runs on one thread, in
 * order; handler calls run on their binding's threads with a timeout, so a binding can delay only its own things.
 */
@Component(service = { ThingRegistry.class, ThingCommands.class, ThingDefinitions.class, ExternalStates.class },
        immediate = true, configurationPid = "org.cityhub.things")
@Designate(ocd = ThingManager.Config.class)
public final class ThingManager implements ThingRegistry, ThingCommands, ThingDefinitions, ExternalStates {

    /** Typed configuration, PID {@code org.cityhub.things}. */
    @ObjectClassDefinition(name = "CityHub things", description = "How thing handlers are run")
    public @interface Config {

        @AttributeDefinition(description = "Seconds a handler may take to start, stop or take a command", min = "1")
        int handlerTimeoutSeconds() default 10;

        @AttributeDefinition(description = "State events one thing may publish per second; past it, states are"
                + " recorded but not published until the next second", min = "1")
        int stateEventsPerSecond() default 1_000;

        @AttributeDefinition(description = "The longest text state a thing may report, in kilobytes; a longer one is"
                + " refused as an input error", min = "1")
        int maxTextStateKilobytes() default 64;
    }

    private record Definition(Thing thing, String source, boolean enabled) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ThingManager.class);
    private static final String SOURCE = "hub";
    private static final String PID = "org.cityhub.things";
    /** Things a file applies per lifecycle change: about a millisecond of work each, for simulator things. */
    private static final int SLICE = 256;
    private static final Set<ThingStatusDetail> WAITING = Set.of(ThingStatusDetail.HANDLER_MISSING,
            ThingStatusDetail.CONFIGURATION_ERROR, ThingStatusDetail.BRIDGE_UNINITIALIZED);

    private final EventBus bus;
    private final ThingTypeSource types;
    private final Duration handlerTimeout;
    private final StateCache states = new StateCache();
    private final ThingStatusBook statuses;
    private final HandlerRunner runner;
    private final Map<ThingUID, Definition> definitions = new ConcurrentHashMap<>();
    private final BridgeIndex children = new BridgeIndex();
    private final ThingIndex index = new ThingIndex();
    private final Map<String, List<DefinitionProblem>> problems = new ConcurrentHashMap<>();
    private final LifecycleThread lifecycle = new LifecycleThread();
    private final Runnable startWaitingThings = () -> lifecycle.execute(this::startWaitingThings);

    @Activate
    public ThingManager(@Reference EventBus bus, @Reference ThingTypeSource types, @Reference BindingErrors errors,
            Config config) {
        this.bus = bus;
        this.types = types;
        this.handlerTimeout = Duration.ofSeconds(ConfigValues.atLeast(PID, "handlerTimeoutSeconds",
                config.handlerTimeoutSeconds(), 1, 10));
        this.statuses = new ThingStatusBook(bus, errors, this::statusChanged, this::departmentOf);
        ReportLimits limits = new ReportLimits(ConfigValues.atLeast(PID, "stateEventsPerSecond",
                config.stateEventsPerSecond(), 1, 1_000), 1024 * ConfigValues.atLeast(PID, "maxTextStateKilobytes",
                config.maxTextStateKilobytes(), 1, 64));
        this.runner = new HandlerRunner(bus, types, handlerTimeout, limits, states, statuses, errors, lifecycle::execute,
                this::handlerRunning);
        errors.countThingsWith(index::countByBindingAndStatus);
        types.addListener(startWaitingThings);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addFactory(ThingHandlerFactory factory, ServiceReference<ThingHandlerFactory> reference) {
        String name = reference.getBundle().getSymbolicName();
        lifecycle.execute(() -> runner.addBinding(factory, name));
        LOG.info("binding {} arrived", name);
        startWaitingThings.run();
    }

    void removeFactory(ThingHandlerFactory factory) {
        lifecycle.await(lifecyclePatience(), () -> runner.removeBinding(factory).ifPresent(binding -> {
            ThingStatusInfo missing = ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.HANDLER_MISSING,
                    "binding " + binding.name() + " was removed");
            runner.runningWith(binding).forEach(uid -> stopTree(uid, missing));
            binding.shutdown();
            LOG.info("binding {} left", binding.name());
        }));
        startWaitingThings.run();
    }

    @Deactivate
    public void stop() {
        types.removeListener(startWaitingThings);
        ThingStatusInfo stopping = ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.NONE, "hub stopping");
        lifecycle.await(lifecyclePatience(), () -> {
            runner.running().stream().filter(uid -> !bridgeOf(uid).map(runner::isActive).orElse(false))
                    .forEach(root -> stopTree(root, stopping));
            runner.running().forEach(uid -> stopTree(uid, stopping));
            runner.shutdown();
        });
        lifecycle.shutdown();
    }

    // ---- ThingDefinitions

    @Override
    public void define(Thing thing, String source, boolean enabled) {
        define(thing, source, enabled, lifecyclePatience());
    }

    @Override
    public boolean define(Thing thing, String source, boolean enabled, Duration patience) {
        return lifecycle.awaitChange(thing.uid(), patience, () -> put(thing, source, enabled));
    }

    @Override
    public void undefine(ThingUID uid) {
        undefine(uid, lifecyclePatience());
    }

    @Override
    public boolean undefine(ThingUID uid, Duration patience) {
        return lifecycle.awaitChange(uid, patience, () -> remove(uid));
    }

    @Override
    public Applied apply(String source, List<Thing> things, Collection<ThingUID> gone, IntConsumer progress) {
        // unchanged things are left alone here, off the lifecycle thread: only what changed goes through it
        Set<ThingUID> same = things.stream()
                .filter(thing -> new Definition(thing, source, true).equals(definitions.get(thing.uid())))
                .map(Thing::uid).collect(Collectors.toSet());
        List<Thing> changes = things.stream().filter(thing -> !same.contains(thing.uid())).toList();
        progress.accept(same.size());
        AtomicInteger removed = new AtomicInteger();
        for (List<ThingUID> slice : slices(List.copyOf(gone))) {
            lifecycle.runChanges(slice, () -> slice.stream().filter(uid -> sourceOf(uid).filter(source::equals)
                    .isPresent()).forEach(uid -> {
                        remove(uid);
                        removed.incrementAndGet();
                    }));
        }
        Set<ThingUID> defined = ConcurrentHashMap.newKeySet();
        defined.addAll(same);
        AtomicInteger changed = new AtomicInteger();
        List<String> conflicts = new CopyOnWriteArrayList<>();
        int applied = same.size();
        for (List<Thing> slice : slices(changes)) {
            lifecycle.runChanges(slice.stream().map(Thing::uid).toList(), () -> slice.forEach(thing -> {
                try {
                    if (put(thing, source, true)) {
                        changed.incrementAndGet();
                    }
                    defined.add(thing.uid());
                } catch (IllegalStateException e) {
                    conflicts.add(e.getMessage());
                }
            }));
            applied += slice.size();
            progress.accept(applied);
        }
        return new Applied(Set.copyOf(defined), changed.get(), removed.get(), List.copyOf(conflicts));
    }

    /** Consecutive slices of the list, each small enough that other lifecycle changes need not wait long. */
    private static <T> List<List<T>> slices(List<T> all) {
        List<List<T>> slices = new ArrayList<>();
        for (int from = 0; from < all.size(); from += SLICE) {
            slices.add(all.subList(from, Math.min(all.size(), from + SLICE)));
        }
        return slices;
    }

    /**
     * Adds or replaces the thing's definition; an unchanged definition leaves its handler running.
     *
     * @return whether the definition was new or changed
     */
    private boolean put(Thing thing, String source, boolean enabled) {
        Definition next = new Definition(thing, source, enabled);
        Definition previous = definitions.get(thing.uid());
        if (previous != null && !previous.source().equals(source)) {
            throw new IllegalStateException("thing " + thing.uid() + " is already defined by " + previous.source());
        }
        if (next.equals(previous)) {
            return false;
        }
        definitions.put(thing.uid(), next);
        children.replace(previous == null ? null : previous.thing(), thing);
        index.replace(previous == null ? null : previous.thing(), thing);
        String type = previous == null ? EventTopics.TYPE_ADDED : EventTopics.TYPE_UPDATED;
        bus.publish(EventTopics.thing(thing.uid(), type), type, Json.toText(ThingJson.thing(masked(thing))), source,
                thing.department());
        ThingStatusInfo waiting = enabled ? missingHandler(thing)
                : ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.DISABLED, "disabled");
        stopTree(thing.uid(), waiting);
        startTree(thing.uid());
        return true;
    }

    /** Stops and forgets the thing, if it is defined. */
    private void remove(ThingUID uid) {
        Definition removed = definitions.get(uid);
        if (removed == null) {
            return;
        }
        // removed from the definitions only after it stopped, so that its last status events carry its department
        stopTree(uid, ThingStatusInfo.of(ThingStatus.REMOVED));
        definitions.remove(uid);
        children.replace(removed.thing(), null);
        statuses.remove(uid);
        index.replace(removed.thing(), null);
        states.remove(uid);
        bus.publish(EventTopics.thing(uid, EventTopics.TYPE_REMOVED), EventTopics.TYPE_REMOVED,
                Json.toText(ThingJson.thing(masked(removed.thing()))), removed.source(), removed.thing().department());
    }

    @Override
    public Optional<Thing> definition(ThingUID uid) {
        return Optional.ofNullable(definitions.get(uid)).map(Definition::thing);
    }

    @Override
    public Optional<String> sourceOf(ThingUID uid) {
        return Optional.ofNullable(definitions.get(uid)).map(Definition::source);
    }

    @Override
    public boolean isEnabled(ThingUID uid) {
        Definition definition = definitions.get(uid);
        return definition != null && definition.enabled();
    }

    @Override
    public void reportProblems(String file, List<DefinitionProblem> fileProblems) {
        if (fileProblems.isEmpty()) {
            problems.remove(file);
        } else {
            problems.put(file, List.copyOf(fileProblems));
        }
    }

    // ---- ThingRegistry

    @Override
    public Collection<Thing> getAll() {
        return definitions.values().stream().map(definition -> masked(definition.thing())).toList();
    }

    @Override
    public ThingPage find(ThingQuery query, Predicate<Thing> visible, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be at least 0 and limit at least 1, not " + offset + " and "
                    + limit);
        }
        ThingIndex.Found found = index.find(query, visible, offset, limit, uid -> definition(uid).orElse(null),
                uid -> statuses.get(uid).status());
        return new ThingPage(found.page().stream().map(this::get).flatMap(Optional::stream).toList(), found.total());
    }

    @Override
    public Map<ThingStatus, Integer> countByStatus() {
        return index.countByStatus();
    }

    @Override
    public Optional<Thing> get(ThingUID uid) {
        return Optional.ofNullable(definitions.get(uid)).map(definition -> masked(definition.thing()));
    }

    /** The thing as everyone but its handler sees it: its secrets masked. */
    private Thing masked(Thing thing) {
        return SecretMask.masked(thing, types.get(thing.thingTypeUID()));
    }

    @Override
    public ThingStatusInfo getStatus(ThingUID uid) {
        return statuses.get(uid);
    }

    @Override
    public Map<String, ChannelState> getStates(ThingUID uid) {
        return states.of(uid, getThingType(uid));
    }

    @Override
    public Optional<ThingType> getThingType(ThingUID uid) {
        Definition definition = definitions.get(uid);
        return types.get(uid.thingTypeUID())
                .map(type -> definition == null ? type : ThingChannels.of(type, definition.thing()));
    }

    @Override
    public InputErrors getInputErrors(ThingUID uid) {
        return runner.handler(uid).map(active -> active.callback().inputErrors()).orElse(InputErrors.NONE);
    }

    @Override
    public Optional<String> getSource(ThingUID uid) {
        return sourceOf(uid);
    }

    @Override
    public List<DefinitionProblem> getProblems() {
        return problems.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparing(DefinitionProblem::file).thenComparingInt(DefinitionProblem::line)).toList();
    }

    @Override
    public void sendCommand(ChannelUID channel, Command command) throws CommandRejectedException {
        commandCheck().check(channel, command);
        ActiveHandler active = runningHandler(channel);
        var payload = Json.object().put("thingUID", channel.thingUID().toString())
                .put("channel", channel.channelId());
        payload.set("command", StateJson.command(command));
        bus.publish(EventTopics.channel(channel, EventTopics.TYPE_COMMAND), EventTopics.TYPE_COMMAND,
                Json.toText(payload), SOURCE, departmentOf(channel.thingUID()));
        runner.dispatch(active, channel.thingUID(), () -> active.handler().handleCommand(channel, command),
                "handleCommand(" + channel.channelId() + ", " + command + ")");
    }

    @Override
    public void record(ChannelUID channel, State state) throws CommandRejectedException {
        commandCheck().checkState(channel, state);
        runningHandler(channel).callback().stateUpdated(channel, state);
    }

    private CommandCheck commandCheck() {
        return new CommandCheck(definitions::containsKey, this::getThingType);
    }

    /** The handler that runs the channel's thing; refused, saying why, when none does. */
    private ActiveHandler runningHandler(ChannelUID channel) throws CommandRejectedException {
        ThingUID thing = channel.thingUID();
        return runner.handler(thing).orElseThrow(() -> new CommandRejectedException(
                CommandRejectedException.Reason.HANDLER_MISSING, "thing " + thing + " has no running handler of binding '"
                        + thing.bindingId() + "' (" + describe(statuses.get(thing)) + ")"));
    }

    /** Starts every waiting thing that can start; things behind a bridge start once its handler runs. */
    private void startWaitingThings() {
        for (Definition definition : definitions.values()) {
            ThingUID uid = definition.thing().uid();
            if (definition.enabled() && !runner.isActive(uid) && WAITING.contains(statuses.get(uid).detail())) {
                tryStart(definition.thing());
            }
        }
    }

    /**
     * Starts one newly defined thing, if it waits and may start; the things that wait for it as their bridge start
     * when its handler runs. The work of a definition is proportional to the things it concerns, never to all.
     */
    private void startTree(ThingUID uid) {
        Definition definition = definitions.get(uid);
        if (definition == null || !definition.enabled() || runner.isActive(uid)
                || !WAITING.contains(statuses.get(uid).detail())) {
            return;
        }
        tryStart(definition.thing());
    }

    /** A thing's handler came up: it follows its bridge's status, and the things behind it may start. */
    private void handlerRunning(ThingUID uid) {
        Definition definition = definitions.get(uid);
        ThingUID bridge = definition == null ? null : definition.thing().bridgeUID();
        if (bridge != null && statuses.get(bridge).status() != ThingStatus.ONLINE) {
            statuses.bridgeChanged(uid, bridge, false);
        }
        children.childrenOf(uid).forEach(this::startTree);
    }

    /** Begins to start the thing if its configuration is valid and its bridge (if any) runs. */
    private void tryStart(Thing thing) {
        ThingUID bridge = thing.bridgeUID();
        Optional<ConfigValidator.Result> invalid = types.get(thing.thingTypeUID())
                .map(type -> ConfigValidator.validate(type, thing)).filter(result -> !result.valid());
        if (invalid.isPresent()) {
            statuses.set(thing.uid(), ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.CONFIGURATION_ERROR,
                    String.join("; ", invalid.get().violations())));
            return;
        }
        // a bridge of another department, not shared with the thing's, is treated exactly as one that is not there:
        // the thing waits with the same status, which tells nothing of the bridge
        if (bridge != null && (!runner.isRunning(bridge) || !mayGoThrough(thing, bridge))) {
            statuses.set(thing.uid(), ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.BRIDGE_UNINITIALIZED,
                    "bridge " + bridge + " has no running handler"));
            return;
        }
        runner.start(thing);
    }

    /** Stops the thing's handler after the handlers of the things that go through it. */
    private void stopTree(ThingUID uid, ThingStatusInfo after) {
        ThingStatusInfo orphaned = ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.BRIDGE_UNINITIALIZED,
                "bridge " + uid + " stopped");
        children.childrenOf(uid).filter(runner::isActive).forEach(child -> stopTree(child, orphaned));
        runner.stop(uid, after);
    }

    /** Keeps the status index and the things behind a bridge in step with a thing's status. */
    private void statusChanged(ThingUID uid, ThingStatusInfo status) {
        index.statusIs(uid, statuses.get(uid).status()); // the latest, should another change have overtaken this one
        followBridge(uid, status);
    }

    /** Shows a bridge's going offline and coming back on the things that go through it. */
    private void followBridge(ThingUID uid, ThingStatusInfo status) {
        children.childrenOf(uid).filter(runner::isRunning)
                .forEach(child -> statuses.bridgeChanged(child, uid, status.status() == ThingStatus.ONLINE));
    }

    /** The department a thing has now, which its events carry; null for none or an unknown thing. */
    private @Nullable String departmentOf(ThingUID uid) {
        Definition definition = definitions.get(uid);
        return definition == null ? null : definition.thing().department();
    }

    private boolean mayGoThrough(Thing thing, ThingUID bridge) {
        Definition definition = definitions.get(bridge);
        return definition != null && definition.thing().admitsThroughBridge(thing);
    }

    private Optional<ThingUID> bridgeOf(ThingUID uid) {
        return get(uid).map(Thing::bridgeUID);
    }

    @Override
    public boolean isChanging(ThingUID uid) {
        return lifecycle.isChanging(uid);
    }

    /** How long a definition source waits for its change by default: long enough for a handler that times out. */
    private Duration lifecyclePatience() {
        return handlerTimeout.multipliedBy(4);
    }

    private static String describe(ThingStatusInfo status) {
        return status.status() + " / " + status.detail() + (status.message() == null ? "" : ": " + status.message());
    }

    private static ThingStatusInfo missingHandler(Thing thing) {
        return ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.HANDLER_MISSING,
                "no installed binding handles thing type " + thing.thingTypeUID());
    }
}
