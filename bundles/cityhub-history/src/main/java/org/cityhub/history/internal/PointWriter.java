package org.cityhub.history.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.cityhub.api.binding.Backoff;
import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.persistence.PersistenceException;
import org.cityhub.api.persistence.PersistenceService;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes recorded points to the store from a thread of its own, in batches, so that no one who records waits for
 * a database. While the store is missing or failing, points wait in memory up to a bound, then in a file
 * ({@link SpillFile}) up to its size; beyond both they are counted as dropped. The batch is retried with backoff;
 * points are written in the order they were offered (while the file holds points, new ones go there too, after
 * them), each once.
 */
final class PointWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PointWriter.class);
    /** How long a batch waits for more points after its first. */
    static final long LINGER_MILLIS = 50;

    /** A point and the sequence number of the event that carried it. */
    record Pending(HistoricState state, long sequence) {
    }

    private final BlockingQueue<Pending> queue;
    private final @Nullable SpillFile spill;
    private final int batchSize;
    private final Supplier<Optional<PersistenceService>> store;
    private final Supplier<String> missingStore;
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
    private final Thread thread;
    private final Object wakeUp = new Object();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private volatile @Nullable String problem;
    private volatile boolean stopping;
    private volatile long drainDeadline;

    /**
     * @param bound the most points that may wait in memory
     * @param spill where more wait, or {@code null} for nowhere
     * @param batchSize the most points written in one transaction
     * @param store the store to write to now, if there is one
     * @param missingStore why there is none, for status and logs
     */
    PointWriter(int bound, @Nullable SpillFile spill, int batchSize, Supplier<Optional<PersistenceService>> store,
            Supplier<String> missingStore) {
        this.queue = new ArrayBlockingQueue<>(bound);
        this.spill = spill;
        this.batchSize = batchSize;
        this.store = store;
        this.missingStore = missingStore;
        this.thread = new Thread(this::run, "cityhub-history-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a point, in memory or, once memory is full, in the spill file; if both are full it is dropped and
     * counted, and {@code false} returned. Called by one thread at a time (the recorder's).
     */
    boolean offer(HistoricState state, long sequence) {
        boolean kept = !stopping && (spilling() ? spill(state, sequence) : queue.offer(new Pending(state, sequence))
                || spill(state, sequence));
        if (!kept) {
            if (dropped.getAndIncrement() % 10_000 == 0) {
                LOG.warn("History: {} points are waiting for the store in memory and {} in {}, the configured bounds"
                        + " (bufferPoints, bufferDiskMegabytes); points beyond them are dropped ({} so far){}",
                        queue.size(), spilled(), spill == null ? "no file" : "the spill file", dropped.get(),
                        problem == null ? "" : ": " + problem);
            }
            return false;
        }
        return true;
    }

    /** Whether points wait in the file: new ones go after them. */
    private boolean spilling() {
        return spill != null && !spill.isEmpty();
    }

    private boolean spill(HistoricState state, long sequence) {
        if (spill == null) {
            return false;
        }
        try {
            return spill.append(state, sequence);
        } catch (IOException e) {
            LOG.warn("History: the spill file cannot be written ({}); the point is dropped", e.getMessage());
            return false;
        }
    }

    /** Points waiting in the spill file. */
    long spilled() {
        return spill == null ? 0 : spill.points();
    }

    /** Wakes the writer to try at once, e.g. because a store came back. */
    void retryNow() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        boolean fromFile = false;
        while (true) {
            if (batch.isEmpty()) {
                // memory holds the oldest points, the file those that came after memory was full
                queue.drainTo(batch, batchSize);
                fromFile = batch.isEmpty() && readSpilled(batch);
                if (batch.isEmpty()) {
                    if (stopping) {
                        return;
                    }
                    Pending first = poll();
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    gather(batch);
                }
            }
            if (stopping && System.nanoTime() > drainDeadline) {
                keepOrDrop(fromFile ? List.of() : batch);
                return;
            }
            if (write(batch)) {
                if (fromFile) {
                    commitSpilled(batch.size());
                }
                batch.clear();
            } else {
                pause(backoff.failed());
            }
        }
    }

    /**
     * Fills the batch with what comes within a moment ({@value #LINGER_MILLIS} ms) of its first point: at a
     * moderate rate, a transaction every few points would cost the store (and the machine) far more than the points.
     */
    private void gather(List<Pending> batch) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
        queue.drainTo(batch, batchSize - batch.size());
        while (batch.size() < batchSize && !stopping) {
            long left = until - System.nanoTime();
            Pending next;
            try {
                next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
                return;
            }
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, batchSize - batch.size());
        }
    }

    private boolean readSpilled(List<Pending> batch) {
        if (spill == null) {
            return false;
        }
        try {
            batch.addAll(spill.read(batchSize));
        } catch (IOException e) {
            failed("the spill file cannot be read: " + e.getMessage(), e);
        }
        return !batch.isEmpty();
    }

    private void commitSpilled(int count) {
        try {
            spill.committed(count);
        } catch (IOException e) {
            LOG.warn("History: the spill file cannot be emptied ({}); its points are written again, and ignored by"
                    + " the store, at the next start", e.getMessage());
        }
    }

    /**
     * Stopping while the store cannot take them: the points in memory go to the spill file, after those already
     * there, and are written at the next start. They are older than the file's, but a store keeps points by time,
     * not by when they came, so nothing is lost by writing them later; only what the file cannot hold is dropped
     * and counted.
     */
    private void keepOrDrop(List<Pending> unwritten) {
        List<Pending> left = new ArrayList<>(unwritten);
        queue.drainTo(left);
        int lost = 0;
        for (Pending pending : left) {
            lost += spill(pending.state(), pending.sequence()) ? 0 : 1;
        }
        dropped.addAndGet(lost);
        if (lost > 0) {
            LOG.warn("History: stopped with {} points not written and no room to keep them: {}", lost, problem);
        } else if (!left.isEmpty() || spilled() > 0) {
            LOG.info("History: stopped with {} points not written; they wait in the spill file for the next start",
                    spilled());
        }
    }

    private @Nullable Pending poll() {
        try {
            return queue.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return null;
        }
    }

    private boolean write(List<Pending> batch) {
        Optional<PersistenceService> target = store.get();
        if (target.isEmpty()) {
            failed(missingStore.get(), null);
            return false;
        }
        List<HistoricState> states = new ArrayList<>(batch.size());
        batch.forEach(pending -> states.add(pending.state()));
        long started = System.nanoTime();
        try {
            target.get().store(states, batch.get(batch.size() - 1).sequence());
        } catch (PersistenceException | RuntimeException e) {
            failed(e.getMessage(), e);
            return false;
        }
        writeNanos.addAndGet(System.nanoTime() - started);
        batches.incrementAndGet();
        written.addAndGet(batch.size());
        if (problem != null) {
            LOG.info("History: writing again after {} failed attempts; {} points waiting", backoff.failures(),
                    queue.size());
            problem = null;
        }
        backoff.succeeded();
        return true;
    }

    private void failed(@Nullable String reason, @Nullable Throwable cause) {
        failures.incrementAndGet();
        String text = reason == null ? "the store failed" : reason;
        if (!text.equals(problem)) {
            LOG.warn("History: points cannot be written now ({} waiting, kept and retried): {}", queue.size(), text,
                    cause);
        }
        problem = text;
    }

    private void pause(Duration delay) {
        long millis = delay.toMillis();
        if (stopping) {
            millis = Math.min(millis, TimeUnit.NANOSECONDS.toMillis(drainDeadline - System.nanoTime()));
        }
        synchronized (wakeUp) {
            try {
                wakeUp.wait(Math.max(1, millis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    /** Why points are not being written now, or {@code null} while they are. */
    @Nullable
    String problem() {
        return problem;
    }

    int queued() {
        return queue.size();
    }

    int bound() {
        return queue.size() + queue.remainingCapacity();
    }

    long written() {
        return written.get();
    }

    long dropped() {
        return dropped.get();
    }

    long failures() {
        return failures.get();
    }

    long batches() {
        return batches.get();
    }

    double writeSeconds() {
        return writeNanos.get() / 1e9;
    }

    /**
     * Takes no more points and writes those waiting, for at most the given time; what is left then is kept in the
     * spill file if it can be, else dropped.
     */
    void close(Duration drain) {
        drainDeadline = System.nanoTime() + drain.toNanos();
        stopping = true;
        retryNow();
        try {
            thread.join(drain.toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (spill != null) {
            try {
                spill.close();
            } catch (IOException e) {
                LOG.warn("History: closing the spill file failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
