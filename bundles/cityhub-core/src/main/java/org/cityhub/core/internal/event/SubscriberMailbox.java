package org.cityhub.core.internal.event;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.MissedEvents;
import org.cityhub.api.event.OverflowPolicy;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.TopicFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's bounded queue. The publisher only appends (dropping an event when full, by the subscriber's
 * policy); the mailbox is drained in batches on its lane of the delivery pool (shared threads, or its own once it
 * overran its budget) and is scheduled only while it has work, so idle subscribers cost no thread. A gap is queued where it happened: before the queue for events dropped from its
 * head, after it for events refused at its tail.
 */
final class SubscriberMailbox implements Subscription, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberMailbox.class);
    private static final int BATCH = 256;
    /** A batch taken out of the queue is bounded by bytes too: what is being delivered is not in the queue's bound. */
    private static final long BATCH_BYTES = 1L << 20;

    private final String name;
    private final TopicFilter filter;
    private final Predicate<Event> accepts;
    private final EventSubscriber subscriber;
    private final int capacity;
    private final long capacityBytes;
    private final OverflowPolicy policy;
    private final DeliveryPool.Lane lane;
    private final Consumer<SubscriberMailbox> onClose;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Object[] batch = new Object[BATCH]; // used only by the one run() at a time

    // guarded by this
    private final ArrayDeque<Object> queue = new ArrayDeque<>(); // Events and Gaps
    private int events;
    private long bytes; // the queued events' estimated size
    private Gap headGap;
    private boolean scheduled;
    private volatile boolean closed;

    private long lastOffered; // guarded by the bus's publish lock
    private boolean predicateFailed; // guarded by the bus's publish lock

    /** Missed events, counted while they happen. */
    private static final class Gap {
        final long from;
        long to;
        long count;

        Gap(long from, long to, long count) {
            this.from = from;
            this.to = to;
            this.count = count;
        }

        MissedEvents notice() {
            return new MissedEvents(from, to, count);
        }
    }

    /**
     * @param accepts which of the events matching the filter are queued
     * @param capacity the most events queued
     * @param capacityBytes the most bytes queued (estimated by {@link EventSize}); one event larger than that is
     *        still queued alone
     */
    SubscriberMailbox(String name, TopicFilter filter, Predicate<Event> accepts, EventSubscriber subscriber,
            int capacity, long capacityBytes, OverflowPolicy policy, DeliveryPool.Lane lane,
            Consumer<SubscriberMailbox> onClose) {
        this.name = name;
        this.filter = filter;
        this.accepts = accepts;
        this.subscriber = subscriber;
        this.capacity = capacity;
        this.capacityBytes = capacityBytes;
        this.policy = policy;
        this.lane = lane;
        this.onClose = onClose;
    }

    TopicFilter filter() {
        return filter;
    }

    String name() {
        return name;
    }

    /**
     * Appends an event the subscriber accepts; called in sequence order under the bus's publish lock, once per
     * matching pattern, so an event already offered is skipped. Never blocks.
     */
    void offer(Event event) {
        if (event.sequence() <= lastOffered) {
            return;
        }
        lastOffered = event.sequence();
        if (!accepted(event)) {
            return;
        }
        boolean schedule;
        synchronized (this) {
            if (closed) {
                return;
            }
            long size = EventSize.of(event);
            if (policy == OverflowPolicy.DROP_OLDEST) {
                while (events > 0 && !fits(size)) {
                    dropOldest();
                }
                append(event, size);
            } else if (events == 0 || fits(size)) {
                append(event, size);
            } else {
                refuse(event.sequence());
            }
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            submit();
        }
    }

    /**
     * A subscriber's predicate that throws refuses the event: the publisher and the other subscribers go on. Only
     * the first failure is logged, so that a predicate failing on every event cannot flood the log.
     */
    private boolean accepted(Event event) {
        try {
            return accepts.test(event);
        } catch (RuntimeException e) {
            if (!predicateFailed) {
                predicateFailed = true;
                LOG.warn("Subscriber '{}' refused event {}: its predicate threw {}; events it throws on are left out,"
                        + " further failures are not logged", name, event.sequence(), e.toString());
            }
            return false;
        }
    }

    private boolean fits(long size) {
        return events < capacity && bytes + size <= capacityBytes;
    }

    private void append(Event event, long size) {
        queue.addLast(event);
        events++;
        bytes += size;
    }

    private void dropOldest() {
        Object head = queue.pollFirst();
        while (!(head instanceof Event)) {
            head = queue.pollFirst(); // a tail gap cannot be ahead of an event under this policy; skip defensively
        }
        events--;
        bytes -= EventSize.of((Event) head);
        long sequence = ((Event) head).sequence();
        headGap = headGap == null ? new Gap(sequence, sequence, 1) : extend(headGap, sequence);
        dropped.increment();
    }

    private void refuse(long sequence) {
        Object tail = queue.peekLast();
        if (tail instanceof Gap gap) {
            extend(gap, sequence);
        } else {
            queue.addLast(new Gap(sequence, sequence, 1));
        }
        dropped.increment();
    }

    private static Gap extend(Gap gap, long sequence) {
        gap.to = sequence;
        gap.count++;
        return gap;
    }

    /** Records a gap before everything queued (a replay that cannot reach back far enough). */
    void missed(long from, long to, long count) {
        boolean schedule;
        synchronized (this) {
            headGap = new Gap(from, to, count);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            submit();
        }
    }

    private void submit() {
        try {
            lane.execute(this);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                scheduled = false;
            }
            LOG.debug("subscriber {}: the bus is stopping, delivery ends", name);
        }
    }

    @Override
    public void run() {
        int count = takeBatch();
        if (count == 0) {
            return;
        }
        for (int i = 0; i < count; i++) {
            if (!closed) {
                deliver(batch[i]);
            }
            batch[i] = null;
        }
        submit(); // yield the pool thread to other subscribers, then look for more
    }

    /** Moves up to a batch of notices and events out of the queue; 0 (and unscheduled) when there is none. */
    private synchronized int takeBatch() {
        int count = 0;
        if (!closed) {
            if (headGap != null) {
                batch[count++] = headGap.notice();
                headGap = null;
            }
            long batchBytes = 0;
            while (count < BATCH && batchBytes < BATCH_BYTES && !queue.isEmpty()) {
                Object next = queue.pollFirst();
                if (next instanceof Event event) {
                    long size = EventSize.of(event);
                    events--;
                    bytes -= size;
                    batchBytes += size;
                    batch[count++] = next;
                } else {
                    batch[count++] = ((Gap) next).notice();
                }
            }
        }
        if (count == 0) {
            scheduled = false;
        }
        return count;
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

    /** Whether the subscriber overran its delivery budget and runs on a thread of its own. */
    boolean isolated() {
        return lane.isolated();
    }

    @Override
    public synchronized int queued() {
        return events;
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
            events = 0;
            bytes = 0;
            headGap = null;
        }
        lane.close();
        onClose.accept(this);
    }
}
