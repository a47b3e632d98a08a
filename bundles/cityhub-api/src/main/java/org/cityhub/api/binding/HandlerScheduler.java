package org.cityhub.api.binding;

import java.time.Clock;
import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs a handler's delayed and periodic work (polling, reconnecting) on its binding's threads. Every task a
 * handler scheduled is cancelled when the handler is disposed, so a binding cannot leak timers. Tests drive it
 * with a controllable clock.
 */
@ProviderType
public interface HandlerScheduler {

    /** Runs the task once after the delay. */
    ScheduledTask schedule(Runnable task, Duration delay);

    /** Runs the task after the initial delay, then every period, until cancelled. */
    ScheduledTask scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period);

    /**
     * Runs the task as soon as possible on the handler's threads, one call at a time with its other work: where a
     * client library's callback (an HTTP answer, a broker's message) hands work back to the handler. Once the
     * handler is disposed, the task is dropped.
     */
    default void execute(Runnable task) {
        try {
            schedule(task, Duration.ZERO);
        } catch (IllegalStateException disposed) {
            // the handler is gone; so is the interest in the task
        }
    }

    /** The clock the hub's scheduler runs on; handlers read time from it. */
    Clock clock();

    /** A scheduled task. */
    @ProviderType
    interface ScheduledTask {

        /** Cancels the task; a run already under way finishes. */
        void cancel();
    }
}
