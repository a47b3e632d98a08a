package org.cityhub.core.internal.thing.handler;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.config.ConfigValidator;
import org.cityhub.api.config.ThingChannels;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.NamedThreadFactory;
import org.cityhub.core.internal.thing.state.BindingErrors;
import org.cityhub.core.internal.thing.state.StateCache;
import org.cityhub.core.internal.thing.state.ThingStatusBook;
import org.cityhub.core.internal.thing.type.ThingTypeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops handlers: finds the binding for a thing, checks its configuration against its type, creates
 * and initialises the handler on the binding's threads with a timeout, and tears all of it down again. Called
 * only from the thing manager's lifecycle thread.
 */
public final class HandlerRunner {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerRunner.class);

    private final EventBus bus;
    private final ThingTypeSource types;
    private final Duration timeout;
    private final ReportLimits limits;
    private final StateCache states;
    private final ThingStatusBook statuses;
    private final BindingErrors errors;
    private final Map<ThingUID, ActiveHandler> handlers = new ConcurrentHashMap<>();
    private final Map<ThingHandlerFactory, BindingRuntime> bindings = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer = newTimer();

    public HandlerRunner(EventBus bus, ThingTypeSource types, Duration timeout, ReportLimits limits, StateCache states,
            ThingStatusBook statuses, BindingErrors errors) {
        this.bus = bus;
        this.types = types;
        this.timeout = timeout;
        this.limits = limits;
        this.errors = errors;
        this.states = states;
        this.statuses = statuses;
    }

    /** Cancelled tasks leave the queue at once: a cancelled task of a removed binding must not pin its classes. */
    private static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("cityhub-handler-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    public void addBinding(ThingHandlerFactory factory, String name) {
        bindings.put(factory, new BindingRuntime(name, factory));
    }

    /** The binding's runtime, removed; its handlers must be stopped before it is shut down. */
    public Optional<BindingRuntime> removeBinding(ThingHandlerFactory factory) {
        return Optional.ofNullable(bindings.remove(factory));
    }

    public Optional<ActiveHandler> handler(ThingUID uid) {
        return Optional.ofNullable(handlers.get(uid));
    }

    public boolean isRunning(ThingUID uid) {
        return handlers.containsKey(uid);
    }

    /**
     * Starts the thing's handler if its type and binding are installed and its configuration is valid; otherwise
     * leaves the status saying why it waits.
     */
    public void start(Thing thing) {
        Optional<ThingType> type = types.get(thing.thingTypeUID());
        Optional<BindingRuntime> binding = bindings.values().stream().filter(b -> b.supports(thing.thingTypeUID()))
                .findFirst();
        if (type.isEmpty() || binding.isEmpty()) {
            return; // still waiting: its status already says why
        }
        ConfigValidator.Result validation = ConfigValidator.validate(type.get(), thing);
        if (!validation.valid()) {
            statuses.set(thing.uid(), ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.CONFIGURATION_ERROR,
                    String.join("; ", validation.violations())));
            return;
        }
        Thing configured = thing.withConfiguration(validation.configuration());
        run(configured, ThingChannels.of(type.get(), configured), binding.get());
    }

    private void run(Thing thing, ThingType type, BindingRuntime binding) {
        statuses.set(thing.uid(), ThingStatusInfo.of(ThingStatus.INITIALIZING));
        AtomicReference<ThingCallback> reporter = new AtomicReference<>();
        ThingStrand strand = binding.newStrand(thing.uid(), failure -> reporter.get().statusUpdated(
                ThingStatusInfo.of(ThingStatus.OFFLINE, ThingStatusDetail.HANDLER_ERROR, failure.toString())));
        HandlerTasks tasks = new HandlerTasks(timer, strand, Clock.systemUTC());
        ThingUID bridgeUID = thing.bridgeUID();
        ThingCallback callback = new ThingCallback(thing.uid(), thing.department(), type, states, statuses, errors, bus, tasks,
                () -> bridgeUID == null ? Optional.empty() : handler(bridgeUID).map(ActiveHandler::handler),
                limits);
        reporter.set(callback);
        try {
            ThingHandler handler = call(strand, () -> binding.factory().createHandler(thing, callback));
            call(strand, () -> {
                handler.initialize();
                return null;
            });
            handlers.put(thing.uid(), new ActiveHandler(handler, binding, strand, callback, tasks));
        } catch (HandlerCallException e) {
            callback.deactivate();
            tasks.cancelAll();
            LOG.warn("thing {}: handler of binding {} could not start: {}", thing.uid(), binding.name(), e.getMessage());
            statuses.set(thing.uid(), ThingStatusInfo.of(ThingStatus.UNINITIALIZED, e.detail, e.getMessage()));
        }
    }

    /**
     * Runs a command on the thing's handler without waiting for it; a call that has not returned within the
     * timeout is reported as {@code OFFLINE / HANDLER_NOT_RESPONDING} (it cannot be stopped, only abandoned).
     */
    public void dispatch(ActiveHandler active, ThingUID uid, Runnable call, String what) {
        CompletableFuture<Object> done = active.strand().submit(() -> {
            call.run();
            return null;
        });
        done.whenComplete((result, failure) -> {
            if (failure != null) {
                active.callback().statusUpdated(ThingStatusInfo.of(ThingStatus.OFFLINE, ThingStatusDetail.HANDLER_ERROR,
                        what + " threw " + failure));
            }
        });
        timer.schedule(() -> {
            if (!done.isDone()) {
                LOG.warn("thing {}: {} did not return within {} s; abandoned", uid, what, timeout.toSeconds());
                active.callback().statusUpdated(ThingStatusInfo.of(ThingStatus.OFFLINE,
                        ThingStatusDetail.HANDLER_NOT_RESPONDING, what + " did not return within " + timeout.toSeconds()
                                + " s"));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Disposes the thing's handler, if it runs, and then sets the given status. */
    public void stop(ThingUID uid, ThingStatusInfo after) {
        ActiveHandler active = handlers.remove(uid);
        if (active != null) {
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
        }
        statuses.set(uid, after);
    }

    /** The things whose handlers the binding runs. */
    public List<ThingUID> runningWith(BindingRuntime binding) {
        return handlers.entrySet().stream().filter(e -> e.getValue().binding() == binding).map(Map.Entry::getKey)
                .toList();
    }

    /** The things whose handlers run. */
    public List<ThingUID> running() {
        return List.copyOf(handlers.keySet());
    }

    /** Ends every binding's threads; the handlers must have been stopped. */
    public void shutdown() {
        bindings.values().forEach(BindingRuntime::shutdown);
        timer.shutdownNow();
    }

    private <T> T call(ThingStrand strand, Callable<T> call) throws HandlerCallException {
        CompletableFuture<T> future = strand.submit(call);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new HandlerCallException(ThingStatusDetail.HANDLER_NOT_RESPONDING,
                    "handler did not answer within " + timeout.toSeconds() + " s; the call was abandoned");
        } catch (ExecutionException e) {
            throw new HandlerCallException(ThingStatusDetail.HANDLER_INITIALIZING_ERROR, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandlerCallException(ThingStatusDetail.HANDLER_INITIALIZING_ERROR, "interrupted");
        }
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
