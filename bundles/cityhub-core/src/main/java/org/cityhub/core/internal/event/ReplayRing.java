package org.cityhub.core.internal.event;

import java.util.ArrayList;
import java.util.List;

import org.cityhub.api.event.Event;

/**
 * The last events published, by sequence number, so that a subscriber can resume after a disconnect. Not
 * thread-safe: the bus calls it under its publish lock.
 */
final class ReplayRing {

    private final Event[] ring;

    ReplayRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay capacity must be at least 1, was " + capacity);
        }
        this.ring = new Event[capacity];
    }

    void add(Event event) {
        ring[slot(event.sequence())] = event;
    }

    /**
     * The events after {@code sequence} still held, oldest first; the ring holds a contiguous run of sequence
     * numbers ending at {@code last}.
     */
    List<Event> after(long sequence, long last) {
        List<Event> events = new ArrayList<>();
        for (long s = Math.max(sequence + 1, oldest(last)); s <= last; s++) {
            Event event = ring[slot(s)];
            if (event != null && event.sequence() == s) {
                events.add(event);
            }
        }
        return events;
    }

    /** The oldest sequence number the ring can still hold when {@code last} is the newest. */
    long oldest(long last) {
        return Math.max(1, last - ring.length + 1);
    }

    private int slot(long sequence) {
        return (int) (sequence % ring.length);
    }
}
