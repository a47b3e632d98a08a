package org.cityhub.api.event;

import java.time.Instant;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Something that happened in the hub.
 *
 * @param sequence the hub-wide sequence number: every event has a higher one than those published before it
 * @param topic where it happened, e.g. {@code cityhub/things/mqtt:airsensor:w1/channels/pm25/state}
 * @param type what happened, e.g. {@code state}, {@code status}, {@code command}
 * @param payload the event as JSON text, serialised once when it was published
 * @param source who published it, e.g. a binding id or {@code rest}
 * @param timestamp when it was published
 * @param department the department of the thing the event concerns, as it was when the event was published;
 *        {@code null} for things without a department and for events of the hub itself (bindings, inbox, tokens).
 *        Who may see the event is decided by it, once, never by looking the thing up again later.
 */
public record Event(long sequence, String topic, String type, String payload, String source, Instant timestamp,
        @Nullable String department) {

    /**
     * An event that concerns no department.
     *
     * @param sequence the hub-wide sequence number
     * @param topic where it happened
     * @param type what happened
     * @param payload the event as JSON text
     * @param source who published it
     * @param timestamp when it was published
     */
    public Event(long sequence, String topic, String type, String payload, String source, Instant timestamp) {
        this(sequence, topic, type, payload, source, timestamp, null);
    }
}
