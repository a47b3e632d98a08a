package org.cityhub.core.internal.event;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.OverflowPolicy;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The bus: numbers each event, keeps it in the replay ring and appends it to the mailbox of every subscriber
 * whose filter matches, found through a topic index. Publishing takes one short lock, so that every mailbox
 * receives events in sequence order; delivery happens on the delivery pool, never on the publisher's thread.
 */
public final class AsyncEventBus implements EventBus {

    /** How many sequence numbers are reserved with one write of the high-water mark. */
    static final long RESERVATION_BLOCK = 100_000;

    private final int defaultQueueCapacity;
    private final long queueBytes;
    private final OverflowPolicy defaultPolicy;
    private final DeliveryPool delivery;
    private final SequenceStore sequenceStore;
    private final Clock clock;
    private final ReplayRing ring;
    private final List<SubscriberMailbox> mailboxes = new CopyOnWriteArrayList<>();
    private final Object publishLock = new Object();

    // guarded by publishLock
    private final TopicIndex<SubscriberMailbox> index = new TopicIndex<>();
    private final RateWindow rate = new RateWindow();
    private final long firstSequence;
    private long lastSequence;
    private long reservedUpTo;

    AsyncEventBus(int defaultQueueCapacity, OverflowPolicy defaultPolicy, int replayCapacity, DeliveryPool delivery,
            SequenceStore sequenceStore, Clock clock) {
        this(bounds(defaultQueueCapacity, replayCapacity), defaultPolicy, delivery, sequenceStore, clock);
    }

    AsyncEventBus(EventBounds bounds, OverflowPolicy defaultPolicy, DeliveryPool delivery, SequenceStore sequenceStore,
            Clock clock) {
        this.defaultQueueCapacity = bounds.queueEvents();
        this.queueBytes = bounds.queueBytes();
        this.defaultPolicy = defaultPolicy;
        this.delivery = delivery;
        this.sequenceStore = sequenceStore;
        this.clock = clock;
        this.ring = new ReplayRing(bounds.replayEvents(), bounds.replayBytes());
        this.lastSequence = sequenceStore.reservedUpTo();
        this.firstSequence = lastSequence + 1;
        this.reservedUpTo = lastSequence;
    }

    private static EventBounds bounds(int queueCapacity, int replayCapacity) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, was " + queueCapacity);
        }
        if (replayCapacity < 1) {
            throw new IllegalArgumentException("replay capacity must be at least 1, was " + replayCapacity);
        }
        return EventBounds.ofEvents(queueCapacity, replayCapacity);
    }

    /** A bus that does not persist its sequence, for benchmarks and tests outside the hub. */
    public static AsyncEventBus inMemory(int queueCapacity, int replayCapacity, DeliveryPool delivery) {
        return new AsyncEventBus(queueCapacity, OverflowPolicy.DROP_OLDEST, replayCapacity, delivery,
                new SequenceStore.InMemory(), Clock.systemUTC());
    }

    @Override
    public Event publish(String topic, String type, String payload, String source, @Nullable String department) {
        checkTopic(topic);
        synchronized (publishLock) {
            if (lastSequence == reservedUpTo) {
                reservedUpTo = lastSequence + RESERVATION_BLOCK;
                sequenceStore.reserve(reservedUpTo);
            }
            Event event = new Event(++lastSequence, topic, type, payload, source, clock.instant(), department);
            rate.record(event.timestamp().toEpochMilli());
            ring.add(event);
            index.match(topic, mailbox -> mailbox.offer(event));
            return event;
        }
    }

    @Override
    public Subscription subscribe(TopicFilter filter, EventSubscriber subscriber, SubscriptionOptions options) {
        int capacity = options.queueCapacity() == 0 ? defaultQueueCapacity : options.queueCapacity();
        OverflowPolicy policy = options.overflowPolicy() == null ? defaultPolicy : options.overflowPolicy();
        SubscriberMailbox mailbox = new SubscriberMailbox(options.name(), filter, options::accepts, subscriber, capacity,
                queueBytes, policy, delivery.lane(options.name()), this::unsubscribe);
        synchronized (publishLock) {
            if (options.resumeAfter() >= 0) {
                replay(mailbox, options.resumeAfter());
            }
            filter.patterns().forEach(pattern -> index.add(pattern, mailbox));
            mailboxes.add(mailbox);
        }
        return mailbox;
    }

    private void unsubscribe(SubscriberMailbox mailbox) {
        synchronized (publishLock) {
            mailbox.filter().patterns().forEach(pattern -> index.remove(pattern, mailbox));
            mailboxes.remove(mailbox);
        }
    }

    /** The estimated size of the events kept for replay. */
    long replayBytes() {
        synchronized (publishLock) {
            return ring.bytes();
        }
    }

    /** Queues what the ring still holds after {@code after}, preceded by a notice for what it no longer holds. */
    private void replay(SubscriberMailbox mailbox, long after) {
        long oldestHeld = Math.max(firstSequence, ring.oldest(lastSequence));
        if (after > lastSequence) {
            // a number this hub never issued: nothing can be replayed, and how much was missed is unknown (count 0)
            mailbox.missed(after + 1, after + 1, 0);
            return;
        }
        if (after + 1 < oldestHeld) {
            // numbers of this run are issued without gaps, so those that left the ring can be counted; an earlier
            // run's are not known (a run skips the rest of its reserved block), so they count as 0: unknown
            mailbox.missed(after + 1, oldestHeld - 1, Math.max(0, oldestHeld - Math.max(after + 1, firstSequence)));
        }
        for (Event event : ring.after(Math.max(after, oldestHeld - 1), lastSequence)) {
            if (mailbox.filter().matches(event.topic())) {
                mailbox.offer(event);
            }
        }
    }

    @Override
    public long lastSequence() {
        synchronized (publishLock) {
            return lastSequence;
        }
    }

    /** Events published by this run of the bus. */
    public long publishedCount() {
        synchronized (publishLock) {
            return lastSequence - firstSequence + 1;
        }
    }

    /** Events published per second, averaged over the last ten seconds. */
    public double publishRate() {
        synchronized (publishLock) {
            return rate.perSecond(clock.millis());
        }
    }

    /** The current subscriptions, for metrics and the console. */
    public List<SubscriberMailbox> subscriptions() {
        return List.copyOf(mailboxes);
    }

    private static void checkTopic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("an event needs a topic");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new IllegalArgumentException("topic '" + topic + "': a published topic must not contain '+' or '#'");
        }
    }
}
