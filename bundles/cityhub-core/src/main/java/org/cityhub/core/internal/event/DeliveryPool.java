package org.cityhub.core.internal.event;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.cityhub.core.internal.NamedThreadFactory;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that deliver events: a few shared by every subscriber, and one of its own for each subscriber that
 * overran its time budget on a shared one. A watchdog looks at the shared threads several times per budget; a
 * subscriber still in one delivery run after the budget is moved off them for good, and the shared thread it
 * holds is made up for with another until it comes back, so that no subscriber, however slow or stuck, delays the
 * others by more than about the budget.
 */
public final class DeliveryPool {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryPool.class);

    private final ThreadPoolExecutor shared;
    private final long budgetNanos;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            new NamedThreadFactory("cityhub-bus-watchdog"));
    private final Map<Lane, Long> running = new ConcurrentHashMap<>(); // lanes in a run on a shared thread, since

    /**
     * @param threads the shared threads
     * @param budget how long one delivery run (a batch of events to one subscriber) may hold a shared thread
     */
    public DeliveryPool(int threads, Duration budget) {
        this.shared = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new NamedThreadFactory("cityhub-bus"));
        this.budgetNanos = budget.toNanos();
        long period = Math.max(1, budget.toMillis() / 4);
        watchdog.scheduleWithFixedDelay(this::isolateOverruns, period, period, TimeUnit.MILLISECONDS);
    }

    /** A subscriber's way onto the threads; shared until it overruns its budget. */
    Lane lane(String subscriber) {
        return new Lane(subscriber);
    }

    /** The shared threads now, those made up for stuck ones included. */
    int sharedThreads() {
        return shared.getCorePoolSize();
    }

    /** Stops delivery, waiting at most {@code patience} for runs under way. */
    public void shutdown(Duration patience) throws InterruptedException {
        watchdog.shutdownNow();
        shared.shutdown();
        if (!shared.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("event bus: delivery did not finish within {} s; the remaining deliveries are abandoned",
                    patience.toSeconds());
            shared.shutdownNow();
        }
    }

    private void isolateOverruns() {
        long now = System.nanoTime();
        running.forEach((lane, since) -> {
            if (now - since > budgetNanos) {
                lane.isolate();
            }
        });
    }

    /** One more shared thread while one is held by an overrunning subscriber, or one less when it is back. */
    private void resize(int change) {
        synchronized (shared) {
            if (change > 0) {
                shared.setMaximumPoolSize(shared.getMaximumPoolSize() + change);
                shared.setCorePoolSize(shared.getCorePoolSize() + change);
            } else {
                shared.setCorePoolSize(shared.getCorePoolSize() + change);
                shared.setMaximumPoolSize(shared.getMaximumPoolSize() + change);
            }
        }
    }

    /** Where one subscriber's delivery runs go. */
    final class Lane {

        private final String subscriber;
        private volatile @Nullable ExecutorService own; // once isolated
        private boolean madeUpFor; // guarded by this: a shared thread was added while this lane holds one

        private Lane(String subscriber) {
            this.subscriber = subscriber;
        }

        /** Runs one delivery run: on the subscriber's own thread once isolated, on a shared one before. */
        void execute(Runnable run) {
            ExecutorService isolated = own;
            if (isolated != null) {
                isolated.execute(run);
                return;
            }
            shared.execute(() -> {
                running.put(this, System.nanoTime());
                try {
                    run.run();
                } finally {
                    leaveSharedThread();
                }
            });
        }

        /** Whether the subscriber overran its budget and has a thread of its own. */
        boolean isolated() {
            return own != null;
        }

        private synchronized void isolate() {
            if (own != null || shared.isShutdown() || !running.containsKey(this)) {
                return; // isolated already, stopping, or its run ended meanwhile
            }
            own = Executors.newSingleThreadExecutor(new NamedThreadFactory("cityhub-bus-" + subscriber));
            madeUpFor = true;
            resize(1);
            LOG.warn("subscriber {} overran its delivery budget of {} ms on a shared thread; it gets a thread of its"
                    + " own, and the others go on without it", subscriber, TimeUnit.NANOSECONDS.toMillis(budgetNanos));
        }

        private synchronized void leaveSharedThread() {
            running.remove(this);
            if (madeUpFor) {
                madeUpFor = false;
                resize(-1);
            }
        }

        /** Ends the subscriber's own thread, if it has one, interrupting a delivery that still hangs. */
        void close() {
            ExecutorService isolated = own;
            if (isolated != null) {
                isolated.shutdownNow();
            }
        }
    }
}
