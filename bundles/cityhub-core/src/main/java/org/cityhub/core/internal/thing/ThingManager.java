package org.cityhub.core.internal.thing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.cityhub.core.internal.NamedThreadFactory;
import org.cityhub.core.json.ModelJson;
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
 * Runs the things: gives each a handler when a binding that supports its type is installed, disposes it when
 * the binding leaves (the thing keeps its definition and states, as {@code UNINITIALIZED / HANDLER_MISSING}),
 * and passes commands on. Lifecycle changes run one at a time on one thread; handler calls run on their
 * binding's threads with a timeout, so a binding can delay only its own things.
 */
@Component(service = ThingRegistry.class, immediate = true, configurationPid = "org.cityhub.things")
@Designate(ocd = ThingManager.Config.class)
public final class ThingManager implements ThingRegistry {

    /** Typed configuration, PID {@code org.cityhub.things}. */
    @ObjectClassDefinition(name = "CityHub things", description = "Where things are defined and how handlers are run")
    public @interface Config {

        @AttributeDefinition(description = "Folder of thing files (*.json); empty for ${karaf.etc}/things")
        String thingsDirectory() default "";

        @AttributeDefinition(description = "Seconds a handler may take to start, stop or take a command", min = "1")
        int handlerTimeoutSeconds() default 10;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ThingManager.class);
    private static final String SOURCE = "hub";

    private final EventBus bus;
    private final ThingTypeSource types;
    private final Duration handlerTimeout;
    private final StateCache states = new StateCache();
    private final ThingStatusBook statuses;
    private final Map<ThingUID, Thing> things = new ConcurrentHashMap<>();
    private final Map<ThingUID, ActiveHandler> handlers = new ConcurrentHashMap<>();
    private final Map<ThingHandlerFactory, BindingRuntime> bindings = new ConcurrentHashMap<>();
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(new NamedThreadFactory("cityhub-things"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            new NamedThreadFactory("cityhub-handler-timer"));
    private final Runnable startWaitingThings = () -> lifecycle.execute(this::startWaitingThings);

    @Activate
    public ThingManager(@Reference EventBus bus, @Reference ThingTypeSource types, Config config) {
        this.bus = bus;
        this.types = types;
        this.handlerTimeout = Duration.ofSeconds(config.handlerTimeoutSeconds());
        this.statuses = new ThingStatusBook(bus);
        types.addListener(startWaitingThings);
        Path folder = config.thingsDirectory().isBlank()
                ? Path.of(System.getProperty("karaf.etc", "etc"), "things")
                : Path.of(config.thingsDirectory());
        ThingFileReader.readFolder(folder).forEach(this::add);
        LOG.info("{} things defined in {}", things.size(), folder);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFactory(ThingHandlerFactory factory, ServiceReference<ThingHandlerFactory> reference) {
        String name = reference.getBundle().getSymbolicName();
        bindings.put(factory, new BindingRuntime(name, factory));
        LOG.info("binding {} arrived", name);
        startWaitingThings.run();
    }

    void removeFactory(ThingHandlerFactory factory) {
        BindingRuntime binding = bindings.remove(factory);
        if (binding == null) {
            return;
        }
        ThingStatusInfo missing = ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.HANDLER_MISSING,
                "binding " + binding.name() + " was removed");
        awaitLifecycle(() -> handlers.forEach((uid, active) -> {
            if (active.binding() == binding) {
                stopHandler(uid, missing);
            }
        }));
        binding.shutdown();
        LOG.info("binding {} left", binding.name());
        startWaitingThings.run();
    }

    @Deactivate
    void stop() {
        types.removeListener(startWaitingThings);
        ThingStatusInfo stopping = ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.NONE, "hub stopping");
        awaitLifecycle(() -> new ArrayList<>(handlers.keySet()).forEach(uid -> stopHandler(uid, stopping)));
        bindings.values().forEach(BindingRuntime::shutdown);
        lifecycle.shutdownNow();
        timer.shutdownNow();
    }

    @Override
    public Collection<Thing> getAll() {
        return List.copyOf(things.values());
    }

    @Override
    public Optional<Thing> get(ThingUID uid) {
        return Optional.ofNullable(things.get(uid));
    }

    @Override
    public ThingStatusInfo getStatus(ThingUID uid) {
        return statuses.get(uid);
    }

    @Override
    public Map<String, ChannelState> getStates(ThingUID uid) {
        return states.of(uid, types.get(uid.thingTypeUID()));
    }

    @Override
    public void sendCommand(ChannelUID channel, Command command) throws CommandRejectedException {
        new CommandCheck(things, types).check(channel, command);
        ActiveHandler active = handlers.get(channel.thingUID());
        if (active == null) {
            throw new CommandRejectedException(CommandRejectedException.Reason.HANDLER_MISSING,
                    "thing " + channel.thingUID() + " has no running handler (status "
                            + statuses.get(channel.thingUID()).status() + "): is binding '"
                            + channel.thingUID().bindingId() + "' installed?");
        }
        var payload = ModelJson.object().put("thingUID", channel.thingUID().toString())
                .put("channel", channel.channelId());
        payload.set("command", ModelJson.command(command));
        bus.publish(EventTopics.channel(channel, EventTopics.TYPE_COMMAND), EventTopics.TYPE_COMMAND,
                ModelJson.toText(payload), SOURCE);
        active.strand().execute(() -> active.handler().handleCommand(channel, command));
    }

    private void add(Thing thing) {
        if (things.putIfAbsent(thing.uid(), thing) != null) {
            LOG.error("thing {} is defined twice; the second definition was ignored", thing.uid());
            return;
        }
        bus.publish(EventTopics.thing(thing.uid(), EventTopics.TYPE_ADDED), EventTopics.TYPE_ADDED,
                ModelJson.toText(ModelJson.thing(thing)), SOURCE);
        statuses.set(thing.uid(), missingHandler(thing));
        startWaitingThings.run();
    }

    private void startWaitingThings() {
        for (Thing thing : things.values()) {
            boolean waiting = statuses.get(thing.uid()).detail() == ThingStatusDetail.HANDLER_MISSING;
            if (waiting && !handlers.containsKey(thing.uid())) {
                startHandler(thing);
            }
        }
    }

    private void startHandler(Thing thing) {
        Optional<ThingType> type = types.get(thing.thingTypeUID());
        Optional<BindingRuntime> binding = bindings.values().stream().filter(b -> b.supports(thing.thingTypeUID()))
                .findFirst();
        if (type.isEmpty() || binding.isEmpty()) {
            return; // still waiting: its status already says why
        }
        statuses.set(thing.uid(), ThingStatusInfo.of(ThingStatus.INITIALIZING));
        ThingStrand strand = binding.get().newStrand(thing.uid());
        HandlerTasks tasks = new HandlerTasks(timer, strand, Clock.systemUTC());
        ThingCallback callback = new ThingCallback(thing.uid(), type.get(), states, statuses, bus, tasks);
        try {
            ThingHandler handler = call(strand, () -> binding.get().factory().createHandler(thing, callback));
            call(strand, () -> {
                handler.initialize();
                return null;
            });
            handlers.put(thing.uid(), new ActiveHandler(handler, binding.get(), strand, callback, tasks));
        } catch (HandlerCallException e) {
            callback.deactivate();
            tasks.cancelAll();
            LOG.warn("thing {}: handler of binding {} could not start: {}", thing.uid(), binding.get().name(), e.getMessage());
            statuses.set(thing.uid(), ThingStatusInfo.of(ThingStatus.UNINITIALIZED, e.detail, e.getMessage()));
        }
    }

    private void stopHandler(ThingUID uid, ThingStatusInfo after) {
        ActiveHandler active = handlers.remove(uid);
        if (active == null) {
            return;
        }
        active.callback().deactivate();
        try {
            call(active.strand(), () -> {
                active.handler().dispose();
                return null;
            });
        } catch (HandlerCallException e) {
            LOG.warn("thing {}: dispose of binding {} failed: {}", uid, active.binding().name(), e.getMessage());
        }
        active.tasks().cancelAll();
        statuses.set(uid, after);
    }

    private <T> T call(ThingStrand strand, Callable<T> call) throws HandlerCallException {
        CompletableFuture<T> future = strand.submit(call);
        try {
            return future.get(handlerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new HandlerCallException(ThingStatusDetail.HANDLER_NOT_RESPONDING,
                    "handler did not answer within " + handlerTimeout.toSeconds() + " s; the call was abandoned");
        } catch (ExecutionException e) {
            throw new HandlerCallException(ThingStatusDetail.HANDLER_INITIALIZING_ERROR, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandlerCallException(ThingStatusDetail.HANDLER_INITIALIZING_ERROR, "interrupted");
        }
    }

    private void awaitLifecycle(Runnable work) {
        try {
            lifecycle.submit(work).get(handlerTimeout.toMillis() * 4, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("thing lifecycle change did not complete: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThingStatusInfo missingHandler(Thing thing) {
        return ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.HANDLER_MISSING,
                "no installed binding handles thing type " + thing.thingTypeUID());
    }

    /** A handler call that threw or did not return in time. */
    private static final class HandlerCallException extends Exception {

        private static final long serialVersionUID = 1L;
        private final transient ThingStatusDetail detail;

        HandlerCallException(ThingStatusDetail detail, String message) {
            super(message);
            this.detail = detail;
        }
    }
}
