package org.cityhub.core.internal.event;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;

/**
 * The bus: numbers each event, keeps it in the replay ring and appends it to the mailbox of every subscriber
 * whose filter matches. Publishing takes one short lock, so that every mailbox receives events in sequence
 * order; delivery happens on the executor, never on the publisher's thread.
 */
public final class AsyncEventBus implements EventBus {

    /** How many sequence numbers are reserved with one write of the high-water mark. */
    static final long RESERVATION_BLOCK = 100_000;

    private final int defaultQueueCapacity;
    private final Executor executor;
    private final SequenceStore sequenceStore;
    private final Clock clock;
    private final ReplayRing ring;
    private final List<SubscriberMailbox> mailboxes = new CopyOnWriteArrayList<>();
    private final Object publishLock = new Object();

    // guarded by publishLock
    private final long firstSequence;
    private long lastSequence;
    private long reservedUpTo;

    AsyncEventBus(int defaultQueueCapacity, int replayCapacity, Executor executor, SequenceStore sequenceStore,
            Clock clock) {
        if (defaultQueueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, was " + defaultQueueCapacity);
        }
        this.defaultQueueCapacity = defaultQueueCapacity;
        this.executor = executor;
        this.sequenceStore = sequenceStore;
        this.clock = clock;
        this.ring = new ReplayRing(replayCapacity);
        this.lastSequence = sequenceStore.reservedUpTo();
        this.firstSequence = lastSequence + 1;
        this.reservedUpTo = lastSequence;
    }

    @Override
    public Event publish(String topic, String type, String payload, String source) {
        checkTopic(topic);
        synchronized (publishLock) {
            if (lastSequence == reservedUpTo) {
                reservedUpTo = lastSequence + RESERVATION_BLOCK;
                sequenceStore.reserve(reservedUpTo);
            }
            Event event = new Event(++lastSequence, topic, type, payload, source, clock.instant());
            ring.add(event);
            for (SubscriberMailbox mailbox : mailboxes) {
                if (mailbox.filter().matches(topic)) {
                    mailbox.offer(event);
                }
            }
            return event;
        }
    }

    @Override
    public Subscription subscribe(TopicFilter filter, EventSubscriber subscriber, SubscriptionOptions options) {
        int capacity = options.queueCapacity() == 0 ? defaultQueueCapacity : options.queueCapacity();
        SubscriberMailbox mailbox = new SubscriberMailbox(options.name(), filter, subscriber, capacity, executor,
                mailboxes::remove);
        synchronized (publishLock) {
            if (options.resumeAfter() >= 0) {
                replay(mailbox, options.resumeAfter());
            }
            mailboxes.add(mailbox);
        }
        return mailbox;
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
            mailbox.missed(after + 1, oldestHeld - 1, oldestHeld - 1 - after);
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

    /** The current subscriptions, for metrics and the console. */
    public List<? extends Subscription> subscriptions() {
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
