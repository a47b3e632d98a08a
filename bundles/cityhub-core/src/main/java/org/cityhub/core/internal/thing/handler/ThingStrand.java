package org.cityhub.core.internal.thing.handler;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one thing's handler calls and scheduled tasks one at a time, in order, on its binding's pool: a handler
 * never sees two of its own calls at once, and a slow thing holds up only itself.
 */
final class ThingStrand implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(ThingStrand.class);
    private static final int BATCH = 16;

    private final ThingUID thing;
    private final Executor pool;
    private final Consumer<Throwable> onFailure;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(2); // guarded by this; rarely more than a few
    private boolean draining; // guarded by this

    /** @param onFailure told of each task that throws (a handler's command or scheduled work) */
    ThingStrand(ThingUID thing, Executor pool, Consumer<Throwable> onFailure) {
        this.thing = thing;
        this.pool = pool;
        this.onFailure = onFailure;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        submitDrain();
    }

    /** Runs the call on this strand; the future completes with its result or its exception. */
    <T> Call<T> submit(Callable<T> call) {
        Call<T> future = new Call<>();
        execute(() -> future.run(call));
        return future;
    }

    /**
     * A handler call on a strand: completes with its result or its exception, and can be interrupted when the hub
     * gives up on it, so that a call blocked in I/O, a sleep or a lock gives its binding's thread back.
     */
    static final class Call<T> extends CompletableFuture<T> {

        private @Nullable Thread running; // guarded by this

        private void run(Callable<T> call) {
            synchronized (this) {
                running = Thread.currentThread();
            }
            try {
                complete(call.call());
            } catch (Throwable e) { // an Error of binding code fails the call, never the strand
                completeExceptionally(e);
            } finally {
                synchronized (this) {
                    running = null;
                    Thread.interrupted(); // an interrupt meant for this call must not reach the strand's next task
                }
            }
        }

        /** Interrupts the call if it still runs: the hub has given up on it. */
        synchronized void abandon() {
            if (running != null) {
                running.interrupt();
            }
        }
    }

    private void submitDrain() {
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                tasks.clear();
                draining = false;
            }
            LOG.debug("thing {}: its binding stopped; pending handler calls dropped", thing);
        }
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    draining = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (Throwable e) { // any Error too: the strand must keep draining, or the thing stops for good
                LOG.warn("thing {}: handler task failed: {}", thing, e.toString(), e);
                onFailure.accept(e);
            }
        }
        submitDrain(); // let other things of the binding run before the next batch
    }
}
