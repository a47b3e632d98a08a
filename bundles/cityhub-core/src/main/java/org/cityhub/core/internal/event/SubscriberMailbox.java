package org.cityhub.core.internal.event;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.MissedEvents;
import org.cityhub.api.event.OverflowPolicy;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.TopicFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's bounded queue. The publisher only appends (dropping the oldest event when full); the
 * mailbox is drained in batches on the bus's shared pool and is scheduled only while it has work, so idle
 * subscribers cost no thread.
 */
final class SubscriberMailbox implements Subscription, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberMailbox.class);
    private static final int BATCH = 256;

    private final String name;
    private final TopicFilter filter;
    private final EventSubscriber subscriber;
    private final int capacity;
    private final OverflowPolicy policy;
    private final Executor executor;
    private final Consumer<SubscriberMailbox> onClose;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    // guarded by this
    private final ArrayDeque<Event> queue = new ArrayDeque<>();
    private long missedFrom;
    private long missedTo;
    private long missedCount;
    private boolean gapPending;
    private boolean scheduled;
    private boolean closed;
    private long lastOffered; // guarded by the bus's publish lock

    SubscriberMailbox(String name, TopicFilter filter, EventSubscriber subscriber, int capacity, OverflowPolicy policy,
            Executor executor, Consumer<SubscriberMailbox> onClose) {
        this.name = name;
        this.filter = filter;
        this.subscriber = subscriber;
        this.capacity = capacity;
        this.policy = policy;
        this.executor = executor;
        this.onClose = onClose;
    }

    TopicFilter filter() {
        return filter;
    }

    String name() {
        return name;
    }

    /**
     * Appends an event; called in sequence order under the bus's publish lock, once per matching pattern, so an
     * event already offered is skipped. Never blocks.
     */
    void offer(Event event) {
        if (event.sequence() <= lastOffered) {
            return;
        }
        lastOffered = event.sequence();
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() >= capacity) {
                Event lost = policy == OverflowPolicy.DROP_OLDEST ? queue.poll() : event;
                recordMissed(lost.sequence(), lost.sequence(), 1);
                dropped.increment();
                if (lost == event) {
                    return;
                }
            }
            queue.add(event);
        }
        scheduleIfIdle();
    }

    /** Records a gap the subscriber must be told about before the next event. */
    void missed(long from, long to, long count) {
        synchronized (this) {
            recordMissed(from, to, count);
        }
        scheduleIfIdle();
    }

    private void recordMissed(long from, long to, long count) {
        if (!gapPending) {
            missedFrom = from;
            missedCount = 0;
            gapPending = true;
        }
        missedTo = to;
        missedCount += count;
    }

    private void scheduleIfIdle() {
        synchronized (this) {
            if (scheduled || closed) {
                return;
            }
            scheduled = true;
        }
        submit();
    }

    private void submit() {
        try {
            executor.execute(this);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                scheduled = false;
            }
            LOG.debug("subscriber {}: the bus is stopping, delivery ends", name);
        }
    }

    @Override
    public void run() {
        for (int i = 0; i < BATCH; i++) {
            Object next = takeNext();
            if (next == null) {
                return;
            }
            deliver(next);
        }
        submit(); // yield the pool thread to other subscribers, then carry on
    }

    /** The next missed notice or event; null (and unscheduled) when there is none. */
    private synchronized Object takeNext() {
        if (closed) {
            scheduled = false;
            return null;
        }
        if (gapPending) {
            gapPending = false;
            return new MissedEvents(missedFrom, missedTo, missedCount);
        }
        Event event = queue.poll();
        if (event == null) {
            scheduled = false;
        }
        return event;
    }

    private void deliver(Object next) {
        try {
            if (next instanceof Event event) {
                subscriber.onEvent(event);
                delivered.increment();
            } else {
                subscriber.onMissed((MissedEvents) next);
            }
        } catch (RuntimeException e) {
            LOG.warn("subscriber {} failed on {}; it keeps receiving events", name, next, e);
        }
    }

    @Override
    public synchronized int queued() {
        return queue.size();
    }

    @Override
    public long delivered() {
        return delivered.sum();
    }

    @Override
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        onClose.accept(this);
    }
}
