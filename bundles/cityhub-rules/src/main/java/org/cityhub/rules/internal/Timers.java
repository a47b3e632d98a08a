package org.cityhub.rules.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.cityhub.api.binding.HandlerScheduler;

/** The engine's timers as a {@link HandlerScheduler}, so that tests drive the triggers on a virtual clock. */
final class Timers implements HandlerScheduler {

    private final ScheduledExecutorService executor;
    private final Clock clock;

    Timers(ScheduledExecutorService executor, Clock clock) {
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public ScheduledTask schedule(Runnable task, Duration delay) {
        return cancelling(executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS));
    }

    @Override
    public ScheduledTask scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period) {
        return cancelling(executor.scheduleAtFixedRate(task, Math.max(0, initialDelay.toMillis()), period.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    private static ScheduledTask cancelling(ScheduledFuture<?> future) {
        return () -> future.cancel(false);
    }
}
