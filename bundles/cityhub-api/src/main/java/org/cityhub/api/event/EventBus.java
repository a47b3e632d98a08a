package org.cityhub.api.event;

import org.eclipse.jdt.annotation.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The hub's event bus. Publishing never blocks; each subscriber has its own bounded queue, so a slow one
 * never holds up the publisher or anyone else. A service of the hub.
 */
@ProviderType
public interface EventBus {

    /**
     * Publishes an event and returns it with its sequence number and time.
     *
     * @param topic a {@code /}-separated topic without wildcards
     * @param type the event's type
     * @param payload the event as JSON text
     * @param source who publishes it
     * @throws IllegalArgumentException if the topic is empty or contains a wildcard
     */
    default Event publish(String topic, String type, String payload, String source) {
        return publish(topic, type, payload, source, null);
    }

    /**
     * Publishes an event that concerns a thing of a department, and returns it with its sequence number and time.
     *
     * @param topic a {@code /}-separated topic without wildcards
     * @param type the event's type
     * @param payload the event as JSON text
     * @param source who publishes it
     * @param department the department of the thing it concerns now, or {@code null} if none; see
     *        {@link Event#department()}
     * @throws IllegalArgumentException if the topic is empty or contains a wildcard
     */
    Event publish(String topic, String type, String payload, String source, @Nullable String department);

    /**
     * Subscribes to the events whose topic matches the filter.
     *
     * @return the subscription; close it to stop delivery
     */
    Subscription subscribe(TopicFilter filter, EventSubscriber subscriber, SubscriptionOptions options);

    /** The sequence number of the last event published, or 0 if none was. */
    long lastSequence();
}
