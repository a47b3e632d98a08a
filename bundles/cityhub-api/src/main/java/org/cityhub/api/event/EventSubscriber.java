package org.cityhub.api.event;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives events from the bus, one at a time and in sequence order, on the bus's threads. A subscriber that is
 * slow only fills its own queue; one that throws has the exception logged and gets the next event.
 */
@ConsumerType
public interface EventSubscriber {

    /** One event that matched the subscription's filter. */
    void onEvent(Event event);

    /** Events this subscriber missed; called before the events that follow the gap. Ignored by default. */
    default void onMissed(MissedEvents missed) {
    }
}
