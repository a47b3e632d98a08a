package org.cityhub.api.event;

import org.eclipse.jdt.annotation.Nullable;

/**
 * How a subscriber is served.
 *
 * @param name a name for logs and metrics, e.g. {@code sse 10.0.0.4:51234}
 * @param queueCapacity how many events may wait for the subscriber; 0 takes the bus's default
 * @param overflowPolicy what a full queue drops; {@code null} takes the bus's default
 * @param resumeAfter a sequence number to replay from: events after it still in the replay ring are delivered
 *        first; -1 for none
 */
public record SubscriptionOptions(String name, int queueCapacity, @Nullable OverflowPolicy overflowPolicy,
        long resumeAfter) {

    public SubscriptionOptions {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a subscription needs a name");
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queue capacity must not be negative, was " + queueCapacity);
        }
    }

    /** The bus's default queue and policy, no replay. */
    public static SubscriptionOptions named(String name) {
        return new SubscriptionOptions(name, 0, null, -1);
    }

    /** The same options, replaying the events after the given sequence number. */
    public SubscriptionOptions resumingAfter(long sequence) {
        return new SubscriptionOptions(name, queueCapacity, overflowPolicy, sequence);
    }

    /** The same options with the given queue capacity and overflow policy. */
    public SubscriptionOptions withQueue(int capacity, OverflowPolicy policy) {
        return new SubscriptionOptions(name, capacity, policy, resumeAfter);
    }
}
