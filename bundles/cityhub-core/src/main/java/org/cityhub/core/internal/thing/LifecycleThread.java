package org.cityhub.core.internal.thing;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.NamedThreadFactory;
import org.eclipse.jdt.annotation.Nullable;
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
        return runAndWait(work, patience);
    }

    /** {@link #await} for a change to one thing, which counts as under way until it has run. */
    boolean awaitChange(ThingUID uid, Duration patience, Runnable work) {
        return await(patience, counted(List.of(uid), work));
    }

    /**
     * Runs a change to many things and waits for it as long as it takes: for sources that apply whole files on
     * their own thread, where every handler call it makes is bounded by the handler timeout.
     *
     * @return whether it ran (not if the thread stopped or the caller was interrupted)
     */
    boolean runChanges(Collection<ThingUID> uids, Runnable work) {
        return runAndWait(counted(uids, work), null);
    }

    /** Runs the work and waits for it, at most {@code patience} if there is one. */
    private boolean runAndWait(Runnable work, @Nullable Duration patience) {
        if (thread.isShutdown()) {
            return false;
        }
        try {
            Future<?> done = thread.submit(work);
            if (patience == null) {
                done.get();
            } else {
                done.get(patience.toMillis(), TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            LOG.error("thing lifecycle change failed", e.getCause());
            return true;
        } catch (TimeoutException e) {
            LOG.info("a thing change waits behind a slow handler for more than {} ms; it takes effect when that answers",
                    patience == null ? 0 : patience.toMillis());
            return false;
        } catch (InterruptedException | RejectedExecutionException | CancellationException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** The work, with its things counted as changing from now until it has run. */
    private Runnable counted(Collection<ThingUID> uids, Runnable work) {
        uids.forEach(uid -> changing.merge(uid, 1, Integer::sum));
        return () -> {
            try {
                work.run();
            } finally {
                uids.forEach(uid -> changing.computeIfPresent(uid, (key, count) -> count == 1 ? null : count - 1));
            }
        };
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

    /** Stops the thread; changes still queued are cancelled, so that whoever waits for them stops waiting. */
    void shutdown() {
        thread.shutdownNow().forEach(queued -> {
            if (queued instanceof Future<?> change) {
                change.cancel(false);
            }
        });
    }
}
