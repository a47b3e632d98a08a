package org.cityhub.core.internal.thing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.NamedThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thing manager's one lifecycle thread: every change to definitions, handlers and bindings runs on it, in
 * order. A caller waits for its change a bounded time (a handler may be slow to stop); changes to a thing are
 * counted from when they are queued until they have run, so that a caller that stopped waiting can tell whether
 * its change has taken effect. After {@link #shutdown()} nothing runs any more.
 */
final class LifecycleThread {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleThread.class);

    private final ExecutorService thread = Executors.newSingleThreadExecutor(new NamedThreadFactory("cityhub-things"));
    private final Map<ThingUID, Integer> changing = new ConcurrentHashMap<>();

    /**
     * Runs the work and waits for it at most {@code patience}; its runtime exceptions are rethrown here.
     *
     * @return whether it ran in time (work that did not stays queued and runs later)
     */
    boolean await(Duration patience, Runnable work) {
        if (thread.isShutdown()) {
            return false;
        }
        try {
            thread.submit(work).get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            LOG.error("thing lifecycle change failed", e.getCause());
            return true;
        } catch (TimeoutException e) {
            LOG.info("a thing change waits behind a slow handler for more than {} ms; it takes effect when that answers",
                    patience.toMillis());
            return false;
        } catch (InterruptedException | RejectedExecutionException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** {@link #await} for a change to one thing, which counts as under way until it has run. */
    boolean awaitChange(ThingUID uid, Duration patience, Runnable work) {
        changing.merge(uid, 1, Integer::sum);
        return await(patience, () -> {
            try {
                work.run();
            } finally {
                changing.computeIfPresent(uid, (key, count) -> count == 1 ? null : count - 1);
            }
        });
    }

    /** Whether a change to the thing is queued or running. */
    boolean isChanging(ThingUID uid) {
        return changing.containsKey(uid);
    }

    /** Queues the work without waiting, unless the thread has stopped. */
    void execute(Runnable work) {
        try {
            thread.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.debug("thing manager stopped; lifecycle change dropped");
        }
    }

    void shutdown() {
        thread.shutdownNow();
    }
}
