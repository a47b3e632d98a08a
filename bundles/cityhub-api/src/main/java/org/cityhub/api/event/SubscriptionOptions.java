package org.cityhub.api.event;

/**
 * How a subscriber is served.
 *
 * @param name a name for logs and metrics, e.g. {@code sse:10.0.0.4}
 * @param queueCapacity how many events may wait for the subscriber before the oldest are dropped; 0 takes the
 *        bus's default
 * @param resumeAfter a sequence number to replay from: events after it still in the replay ring are delivered
 *        first; -1 for none
 */
public record SubscriptionOptions(String name, int queueCapacity, long resumeAfter) {

    public SubscriptionOptions {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a subscription needs a name");
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queue capacity must not be negative, was " + queueCapacity);
        }
    }

    /** Default queue, no replay. */
    public static SubscriptionOptions named(String name) {
        return new SubscriptionOptions(name, 0, -1);
    }

    /** The same options, replaying the events after the given sequence number. */
    public SubscriptionOptions resumingAfter(long sequence) {
        return new SubscriptionOptions(name, queueCapacity, sequence);
    }

    /** The same options with the given queue capacity. */
    public SubscriptionOptions withQueueCapacity(int capacity) {
        return new SubscriptionOptions(name, capacity, resumeAfter);
    }
}
