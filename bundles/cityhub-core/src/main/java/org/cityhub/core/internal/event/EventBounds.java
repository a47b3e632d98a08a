package org.cityhub.core.internal.event;

/**
 * How much the bus keeps: each subscriber's queue and the replay ring are bounded both by a number of events and
 * by their estimated size ({@link EventSize}), so that large events cannot fill the heap where small ones are
 * counted.
 *
 * @param queueEvents the most events one subscriber's queue holds, unless it asks for another number
 * @param queueBytes the most bytes one subscriber's queue holds
 * @param replayEvents the most events kept for replay
 * @param replayBytes the most bytes kept for replay
 */
public record EventBounds(int queueEvents, long queueBytes, int replayEvents, long replayBytes) {

    /** 16 MiB per subscriber, 64 MiB of replay. */
    public static final long DEFAULT_QUEUE_BYTES = 16L << 20;
    public static final long DEFAULT_REPLAY_BYTES = 64L << 20;

    public EventBounds {
        if (queueEvents < 1 || replayEvents < 1 || queueBytes < 1 || replayBytes < 1) {
            throw new IllegalArgumentException("every event bound must be at least 1");
        }
    }

    /** Bounds by count, with the default byte bounds. */
    public static EventBounds ofEvents(int queueEvents, int replayEvents) {
        return new EventBounds(queueEvents, DEFAULT_QUEUE_BYTES, replayEvents, DEFAULT_REPLAY_BYTES);
    }
}
