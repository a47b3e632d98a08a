package org.cityhub.core.internal.thing.handler;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.cityhub.api.binding.HandlerScheduler;

/**
 * One handler's {@link HandlerScheduler}: the hub's timer only hands each task to the thing's strand, and every
 * task still scheduled is cancelled when the handler is disposed.
 */
final class HandlerTasks implements HandlerScheduler {

    private final ScheduledExecutorService timer;
    private final ThingStrand strand;
    private final Clock clock;
    private final List<Future<?>> scheduled = new ArrayList<>(1); // guarded by this; a handler has few tasks
    private volatile boolean cancelled;

    HandlerTasks(ScheduledExecutorService timer, ThingStrand strand, Clock clock) {
        this.timer = timer;
        this.strand = strand;
        this.clock = clock;
    }

    @Override
    public ScheduledTask schedule(Runnable task, Duration delay) {
        // a one-shot task is forgotten once the timer handed it over, so that execute() and short delays made
        // all day long do not pile up for the handler's lifetime
        CompletableFuture<Future<?>> self = new CompletableFuture<>();
        Future<?> future = timer.schedule(() -> {
            strand.execute(guarded(task));
            self.thenAccept(this::forget);
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledTask handle = track(future);
        self.complete(future);
        return handle;
    }

    @Override
    public ScheduledTask scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        return track(timer.scheduleAtFixedRate(() -> strand.execute(guarded(task)), initialDelay.toMillis(),
                period.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** How many tasks are scheduled and not yet handed to the strand (or periodic). */
    synchronized int pending() {
        return scheduled.size();
    }

    /** Cancels every task; later scheduling requests are refused. */
    synchronized void cancelAll() {
        cancelled = true;
        scheduled.forEach(f -> f.cancel(false));
        scheduled.clear();
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            if (!cancelled) {
                task.run();
            }
        };
    }

    private ScheduledTask track(Future<?> future) {
        if (cancelled) {
            future.cancel(false);
            throw new IllegalStateException("the handler has been disposed; it cannot schedule tasks");
        }
        synchronized (this) {
            scheduled.add(future);
        }
        return () -> {
            future.cancel(false);
            forget(future);
        };
    }

    private synchronized void forget(Future<?> future) {
        scheduled.remove(future);
    }
}
