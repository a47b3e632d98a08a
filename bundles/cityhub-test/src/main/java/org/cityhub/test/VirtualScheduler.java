package org.cityhub.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

import org.cityhub.api.binding.HandlerScheduler;

/**
 * A {@link HandlerScheduler} on a virtual clock: nothing runs until the test {@link #advance(Duration) advances}
 * time, and then every task due runs in order, on the test's thread. Polling and backoff are tested without
 * waiting. Safe to schedule from other threads (a binding's I/O completions); tasks still run only on the thread
 * that advances time.
 */
public final class VirtualScheduler implements HandlerScheduler {

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private volatile Instant now;
    private long order;

    private final class Task implements ScheduledTask, Comparable<Task> {
        final Runnable work;
        final Duration period;
        final long sequence = order++;
        Instant due;
        boolean cancelled;

        Task(Runnable work, Instant due, Duration period) {
            this.work = work;
            this.due = due;
            this.period = period;
        }

        @Override
        public void cancel() {
            synchronized (VirtualScheduler.this) {
                cancelled = true;
                tasks.remove(this);
            }
        }

        @Override
        public int compareTo(Task other) {
            int byDue = due.compareTo(other.due);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }

    /** A clock that starts at the given instant. */
    public VirtualScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized ScheduledTask schedule(Runnable task, Duration delay) {
        Task scheduled = new Task(task, now.plus(delay), null);
        tasks.add(scheduled);
        return scheduled;
    }

    @Override
    public synchronized ScheduledTask scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        Task scheduled = new Task(task, now.plus(initialDelay), period);
        tasks.add(scheduled);
        return scheduled;
    }

    @Override
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the virtual clock runs in UTC");
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    /** Runs the tasks that are due now (those with no delay, typically right after initialize). */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves the clock forward, running every task that falls due on the way, in order. */
    public synchronized void advance(Duration duration) {
        Instant target = now.plus(duration);
        while (!tasks.isEmpty() && !tasks.peek().due.isAfter(target)) {
            Task task = tasks.poll();
            now = task.due;
            if (task.period != null) {
                task.due = task.due.plus(task.period);
                tasks.add(task);
            }
            task.work.run();
        }
        now = target;
    }

    /** Tasks still scheduled. */
    public synchronized int pending() {
        return tasks.size();
    }

    /** Cancels every task, as the hub does when a handler is disposed. */
    synchronized void cancelAll() {
        tasks.clear();
    }
}
