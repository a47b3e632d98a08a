package org.cityhub.core.internal.event;

import java.util.ArrayList;
import java.util.List;

import org.cityhub.api.event.Event;

/**
 * The last events published, by sequence number, so that a subscriber can resume after a disconnect: at most
 * {@code capacity} events and {@code capacityBytes} (estimated by {@link EventSize}), whichever is reached first;
 * the oldest go first. Not thread-safe: the bus calls it under its publish lock.
 */
final class ReplayRing {

    private final Event[] ring;
    private final long capacityBytes;
    private long bytes;
    private long oldestHeld = 1; // sequences below it were let go to keep within the byte bound

    ReplayRing(int capacity, long capacityBytes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay capacity must be at least 1, was " + capacity);
        }
        this.ring = new Event[capacity];
        this.capacityBytes = capacityBytes;
    }

    void add(Event event) {
        int slot = slot(event.sequence());
        Event replaced = ring[slot];
        if (replaced != null) {
            bytes -= EventSize.of(replaced);
            oldestHeld = Math.max(oldestHeld, replaced.sequence() + 1);
        }
        ring[slot] = event;
        bytes += EventSize.of(event);
        while (bytes > capacityBytes && oldestHeld < event.sequence()) {
            Event oldest = ring[slot(oldestHeld)];
            if (oldest != null && oldest.sequence() == oldestHeld) {
                bytes -= EventSize.of(oldest);
                ring[slot(oldestHeld)] = null;
            }
            oldestHeld++;
        }
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
        return Math.max(Math.max(1, oldestHeld), last - ring.length + 1);
    }

    /** The held events' estimated size. */
    long bytes() {
        return bytes;
    }

    private int slot(long sequence) {
        return (int) (sequence % ring.length);
    }
}
