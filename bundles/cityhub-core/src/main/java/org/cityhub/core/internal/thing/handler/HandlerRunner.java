package org.cityhub.core.internal.thing.handler;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

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
 * and initialises the handler on the binding's threads, and tears all of it down again. Starting does not wait:
 * many things of many bindings start at once, each binding on its own threads, and when a handler is up (or has
 * failed, or has not answered within the timeout) the runner carries on on the lifecycle thread it was given.
 * Stopping waits for the handler, boundedly. Called only from the thing manager's lifecycle thread.
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
    private final Executor lifecycle;
    private final Consumer<ThingUID> onRunning;
    private final Map<ThingUID, ActiveHandler> handlers = new ConcurrentHashMap<>();
    private final Map<ThingUID, PendingStart> starting = new ConcurrentHashMap<>();
    private final Map<ThingHandlerFactory, BindingRuntime> bindings = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer = newTimer();

    /**
     * @param lifecycle the thread the runner is called on, where it carries on when a start has ended
     * @param onRunning told on that thread of each thing whose handler has come up
     */
    public HandlerRunner(EventBus bus, ThingTypeSource types, Duration timeout, ReportLimits limits, StateCache states,
            ThingStatusBook statuses, BindingErrors errors, Executor lifecycle, Consumer<ThingUID> onRunning) {
        this.bus = bus;
        this.types = types;
        this.timeout = timeout;
        this.limits = limits;
        this.errors = errors;
        this.states = states;
        this.statuses = statuses;
        this.lifecycle = lifecycle;
        this.onRunning = onRunning;
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

    /** Whether the thing's handler runs or is starting. */
    public boolean isActive(ThingUID uid) {
        return handlers.containsKey(uid) || starting.containsKey(uid);
    }

    /**
     * Begins to start the thing's handler if its type and binding are installed and its configuration is valid;
     * otherwise leaves the status saying why it waits.
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
        begin(configured, ThingChannels.of(type.get(), configured), binding.get());
    }

    private void begin(Thing thing, ThingType type, BindingRuntime binding) {
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
        PendingStart pending = new PendingStart(new PendingStart.Parts(binding, strand, callback, tasks),
                strand.submit(() -> {
                    ThingHandler handler = binding.factory().createHandler(thing, callback);
                    handler.initialize();
                    return handler;
                }));
        starting.put(thing.uid(), pending);
        ScheduledFuture<?> deadline = timer.schedule(() -> lifecycle.execute(() -> ended(thing.uid(), pending)),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.up().whenComplete((handler, failure) -> {
            deadline.cancel(false);
            lifecycle.execute(() -> ended(thing.uid(), pending));
        });
    }

    /**
     * Carries on after a start ended or ran out of time, on the lifecycle thread: a handler that came up runs, one
     * that failed or is late is reported and torn down. Nothing happens for a start that was stopped meanwhile.
     */
    private void ended(ThingUID uid, PendingStart pending) {
        if (!starting.remove(uid, pending)) {
            if (pending.cameUpTooLate()) {
                pending.parts().strand().execute(() -> pending.up().join().dispose());
                LOG.info("thing {}: its handler came up after it was given up on; disposed", uid);
            }
            return;
        }
        if (!pending.up().isDone()) {
            pending.giveUp();
            LOG.warn("thing {}: handler of binding {} could not start: did not answer within {} s", uid,
                    pending.parts().binding().name(), timeout.toSeconds());
            statuses.set(uid, ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.HANDLER_NOT_RESPONDING,
                    "handler did not answer within " + timeout.toSeconds() + " s; the call was abandoned"));
            return;
        }
        try {
            handlers.put(uid, pending.parts().with(pending.up().join()));
            onRunning.accept(uid);
        } catch (CompletionException e) {
            pending.parts().tearDown();
            LOG.warn("thing {}: handler of binding {} could not start: {}", uid, pending.parts().binding().name(),
                    e.getCause().toString());
            statuses.set(uid, ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.HANDLER_INITIALIZING_ERROR,
                    String.valueOf(e.getCause())));
        }
    }

    /**
     * Runs a command on the thing's handler without waiting for it; a call that has not returned within the
     * timeout is reported as {@code OFFLINE / HANDLER_NOT_RESPONDING} and interrupted: a call that ignores the
     * interrupt keeps its binding's thread, and only that binding's things wait for it.
     */
    public void dispatch(ActiveHandler active, ThingUID uid, Runnable call, String what) {
        ThingStrand.Call<Object> done = active.strand().submit(() -> {
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
                done.abandon();
                LOG.warn("thing {}: {} did not return within {} s; abandoned", uid, what, timeout.toSeconds());
                active.callback().statusUpdated(ThingStatusInfo.of(ThingStatus.OFFLINE,
                        ThingStatusDetail.HANDLER_NOT_RESPONDING, what + " did not return within " + timeout.toSeconds()
                                + " s"));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Disposes the thing's handler, if it runs, and then sets the given status. A handler still starting is waited
     * for, boundedly, and then disposed, so that no two handlers of one thing ever run at once.
     */
    public void stop(ThingUID uid, ThingStatusInfo after) {
        PendingStart pending = starting.remove(uid);
        if (pending != null) {
            try {
                handlers.put(uid, pending.parts().with(pending.up().get(timeout.toMillis(), TimeUnit.MILLISECONDS)));
            } catch (TimeoutException | ExecutionException e) {
                pending.giveUp(); // should it come up late, it is disposed then
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.giveUp();
            }
        }
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

    /** The things whose handlers the binding runs or is starting. */
    public List<ThingUID> runningWith(BindingRuntime binding) {
        return Stream.concat(handlers.entrySet().stream().filter(e -> e.getValue().binding() == binding)
                .map(Map.Entry::getKey), starting.entrySet().stream()
                        .filter(e -> e.getValue().parts().binding() == binding).map(Map.Entry::getKey)).toList();
    }

    /** The things whose handlers run or are starting. */
    public List<ThingUID> running() {
        return Stream.concat(handlers.keySet().stream(), starting.keySet().stream()).toList();
    }

    /** Ends every binding's threads; the handlers must have been stopped. */
    public void shutdown() {
        bindings.values().forEach(BindingRuntime::shutdown);
        timer.shutdownNow();
    }

    private <T> T call(ThingStrand strand, Callable<T> call) throws HandlerCallException {
        ThingStrand.Call<T> future = strand.submit(call);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.abandon();
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
