package org.cityhub.api.event;

import java.util.function.Predicate;

import org.eclipse.jdt.annotation.Nullable;

/**
 * How a subscriber is served.
 *
 * @param name a name for logs and metrics, e.g. {@code sse 10.0.0.4:51234}
 * @param queueCapacity how many events may wait for the subscriber; 0 takes the bus's default
 * @param overflowPolicy what a full queue drops; {@code null} takes the bus's default
 * @param resumeAfter a sequence number to replay from: events after it still in the replay ring are delivered
 *        first; -1 for none
 * @param accepts which of the events matching the topic filter the subscriber gets, or {@code null} for all of
 *        them. The bus asks before it queues an event (and when it replays), so an event refused here neither
 *        takes a place in the subscriber's queue nor counts as missed. It is called on the publisher's thread
 *        while the bus orders events: it must be quick, must not block and must not throw.
 * @since 1.2
 */
public record SubscriptionOptions(String name, int queueCapacity, @Nullable OverflowPolicy overflowPolicy,
        long resumeAfter, @Nullable Predicate<Event> accepts) {

    public SubscriptionOptions {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a subscription needs a name");
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queue capacity must not be negative, was " + queueCapacity);
        }
    }

    /** Options that accept every event matching the topic filter. */
    public SubscriptionOptions(String name, int queueCapacity, @Nullable OverflowPolicy overflowPolicy,
            long resumeAfter) {
        this(name, queueCapacity, overflowPolicy, resumeAfter, null);
    }

    /** The bus's default queue and policy, no replay. */
    public static SubscriptionOptions named(String name) {
        return new SubscriptionOptions(name, 0, null, -1, null);
    }

    /** The same options, replaying the events after the given sequence number. */
    public SubscriptionOptions resumingAfter(long sequence) {
        return new SubscriptionOptions(name, queueCapacity, overflowPolicy, sequence, accepts);
    }

    /** The same options with the given queue capacity and overflow policy. */
    public SubscriptionOptions withQueue(int capacity, OverflowPolicy policy) {
        return new SubscriptionOptions(name, capacity, policy, resumeAfter, accepts);
    }

    /**
     * The same options, delivering only the matching events the predicate accepts; see {@link #accepts()}.
     *
     * @since 1.2
     */
    public SubscriptionOptions accepting(Predicate<Event> predicate) {
        return new SubscriptionOptions(name, queueCapacity, overflowPolicy, resumeAfter, predicate);
    }

    /** Whether the subscriber takes this event, which matches its topic filter. */
    public boolean accepts(Event event) {
        return accepts == null || accepts.test(event);
    }
}
