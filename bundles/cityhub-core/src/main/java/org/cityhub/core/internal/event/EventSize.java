package org.cityhub.core.internal.event;

import org.cityhub.api.event.Event;

/**
 * An event's size in memory, estimated from its texts (two bytes a character, as the JVM may store them) and a
 * fixed share for the objects around them: what the replay ring and subscriber queues count against their byte
 * bounds.
 */
final class EventSize {

    private static final int OVERHEAD = 160;

    private EventSize() {
    }

    static long of(Event event) {
        long characters = (long) event.topic().length() + event.type().length() + event.payload().length()
                + event.source().length() + (event.department() == null ? 0 : event.department().length());
        return OVERHEAD + 2 * characters;
    }
}
