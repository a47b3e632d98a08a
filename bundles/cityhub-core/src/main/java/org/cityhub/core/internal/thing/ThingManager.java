package org.cityhub.core.internal.thing;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.config.ConfigValues;
import org.cityhub.api.config.ThingChannels;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.federation.HubIds;
import org.cityhub.api.federation.RemoteThing;
import org.cityhub.api.federation.RemoteThings;
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
@Component(service = { ThingRegistry.class, ThingCommands.class, ThingDefinitions.class, ExternalStates.class,
        RestoredStates.class, RemoteThings.class },
        immediate = true, configurationPid = "org.cityhub.things")
@Designate(ocd = ThingManager.Config.class)
public final class ThingManager implements ThingRegistry, ThingCommands, ThingDefinitions, ExternalStates,
        RestoredStates, RemoteThings {

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

    private static final Logger LOG = LoggerFactory.getLogger(ThingManager.class);
    private static final String SOURCE = "hub";
    private static final String PID = "org.cityhub.things";

    private final EventBus bus;
    private final ThingTypeSource types;
    private final Duration handlerTimeout;
    private final StateCache states = new StateCache();
    private final ThingStatusBook statuses;
    private final HandlerRunner runner;
    private final ThingStarter starter;
    private final Map<ThingUID, DefinedThing> definitions = new ConcurrentHashMap<>();
    private final BridgeIndex children = new BridgeIndex();
    private final ThingIndex index = new ThingIndex();
    private final Map<String, List<DefinitionProblem>> problems = new ConcurrentHashMap<>();
    private final LifecycleThread lifecycle = new LifecycleThread();
    private final SourceApplier applier = new SourceApplier(lifecycle, definitions,
            (thing, source) -> put(thing, source, true), this::removeDefined);
    private final Runnable startWaitingThings;
    private final RemoteThingBook remoteThings;

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
        this.starter = new ThingStarter(definitions, children, types, statuses, runner);
        this.startWaitingThings = () -> lifecycle.execute(starter::startWaitingThings);
        this.remoteThings = new RemoteThingBook(bus, definitions, index, statuses, states);
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
            runner.runningWith(binding).forEach(uid -> starter.stopTree(uid, missing));
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
                    .forEach(root -> starter.stopTree(root, stopping));
            runner.running().forEach(uid -> starter.stopTree(uid, stopping));
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
        return lifecycle.awaitChange(uid, patience, () -> removeDefined(uid));
    }

    @Override
    public Applied apply(String source, List<Thing> things, Collection<ThingUID> gone, IntConsumer progress) {
        return applier.apply(source, things, gone, progress);
    }

    /**
     * Adds or replaces the thing's definition; an unchanged definition leaves its handler running.
     *
     * @return whether the definition was new or changed
     */
    private boolean put(Thing thing, String source, boolean enabled) {
        DefinedThing next = new DefinedThing(thing, source, enabled);
        DefinedThing previous = definitions.get(thing.uid());
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
        starter.stopTree(thing.uid(), waiting);
        starter.startTree(thing.uid());
        return true;
    }

    /** Stops and forgets the thing, if it is defined. */
    private void removeDefined(ThingUID uid) {
        DefinedThing removed = definitions.get(uid);
        if (removed == null) {
            return;
        }
        // removed from the definitions only after it stopped, so that its last status events carry its department
        starter.stopTree(uid, ThingStatusInfo.of(ThingStatus.REMOVED));
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
        return Optional.ofNullable(definitions.get(uid)).map(DefinedThing::thing);
    }

    @Override
    public Optional<String> sourceOf(ThingUID uid) {
        return Optional.ofNullable(definitions.get(uid)).map(DefinedThing::source);
    }

    @Override
    public boolean isEnabled(ThingUID uid) {
        DefinedThing definition = definitions.get(uid);
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

    /** The thing as everyone but its handler sees it: its secrets masked (another hub's came masked). */
    private Thing masked(Thing thing) {
        return remoteThings.type(thing.uid()).isPresent() ? thing
                : SecretMask.masked(thing, types.get(thing.thingTypeUID()));
    }

    @Override
    public ThingStatusInfo getStatus(ThingUID uid) {
        return statuses.get(uid);
    }

    @Override
    public boolean restore(ChannelUID channel, State state, Instant updated) {
        return states.restore(channel, state, updated);
    }

    @Override
    public Map<String, ChannelState> getStates(ThingUID uid) {
        return states.of(uid, getThingType(uid));
    }

    @Override
    public Optional<ThingType> getThingType(ThingUID uid) {
        DefinedThing definition = definitions.get(uid);
        if (definition != null && definition.remote()) {
            return remoteThings.type(uid);
        }
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
        Optional<String> hub = sourceOf(thing).flatMap(HubIds::hubOf);
        if (hub.isPresent()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.HANDLER_MISSING, "thing " + thing
                    + " runs on hub " + hub.get() + ", not here: its commands go there through the REST API");
        }
        return runner.handler(thing).orElseThrow(() -> new CommandRejectedException(
                CommandRejectedException.Reason.HANDLER_MISSING, "thing " + thing + " has no running handler of binding '"
                        + thing.bindingId() + "' (" + describe(statuses.get(thing)) + ")"));
    }

    /** A handler came up: the starter carries on (a method, as the runner is made before the starter). */
    private void handlerRunning(ThingUID uid) {
        starter.handlerRunning(uid);
    }

    /** Keeps the status index and the things behind a bridge in step with a thing's status. */
    private void statusChanged(ThingUID uid, ThingStatusInfo status) {
        index.statusIs(uid, statuses.get(uid).status()); // the latest, should another change have overtaken this one
        starter.followBridge(uid, status);
    }

    /** The department a thing has now, which its events carry; null for none or an unknown thing. */
    private @Nullable String departmentOf(ThingUID uid) {
        DefinedThing definition = definitions.get(uid);
        return definition == null ? null : definition.thing().department();
    }

    private Optional<ThingUID> bridgeOf(ThingUID uid) {
        return get(uid).map(Thing::bridgeUID);
    }

    // ---- RemoteThings: kept by the book of remote things, on the registry's maps

    @Override
    public void put(RemoteThing remote) {
        remoteThings.put(remote);
    }

    @Override
    public void status(ThingUID uid, ThingStatusInfo status) {
        remoteThings.status(uid, status);
    }

    @Override
    public void state(ChannelUID channel, State state, Instant updated) {
        remoteThings.state(channel, state, updated);
    }

    @Override
    public void remove(ThingUID uid) {
        remoteThings.remove(uid);
    }

    @Override
    public Set<ThingUID> of(String hub) {
        return remoteThings.of(hub);
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
