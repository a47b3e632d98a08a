package org.cityhub.core.internal.thing.handler;

import java.util.concurrent.atomic.AtomicBoolean;

import org.cityhub.api.binding.ThingHandler;

/**
 * A handler being created and initialised on its binding's threads while the hub goes on with other things.
 *
 * @param parts what it will run with once up
 * @param up completes with the handler once {@code initialize} has returned, or with what it threw
 * @param givenUp set when the hub stops waiting for it; a handler that comes up after that is disposed, once
 */
record PendingStart(Parts parts, ThingStrand.Call<ThingHandler> up, AtomicBoolean givenUp) {

    PendingStart(Parts parts, ThingStrand.Call<ThingHandler> up) {
        this(parts, up, new AtomicBoolean());
    }

    /**
     * Stops waiting for the handler: its start is interrupted, its reports no longer count, and should it come up
     * all the same, it goes again.
     */
    void giveUp() {
        parts.tearDown();
        givenUp.set(true);
        up.abandon();
    }

    /** Whether the handler came up after it was given up on and has not been disposed yet; true only once. */
    boolean cameUpTooLate() {
        return up.isDone() && !up.isCompletedExceptionally() && givenUp.compareAndSet(true, false);
    }

    /** What a starting handler runs with; torn down with it if it never comes up. */
    record Parts(BindingRuntime binding, ThingStrand strand, ThingCallback callback, HandlerTasks tasks) {

        ActiveHandler with(ThingHandler handler) {
            return new ActiveHandler(handler, binding, strand, callback, tasks);
        }

        /** Silences the callback and cancels what was scheduled: the handler's reports no longer count. */
        void tearDown() {
            callback.deactivate();
            tasks.cancelAll();
        }
    }
}
