package org.cityhub.api.event;

import java.time.Instant;

/**
 * Something that happened in the hub.
 *
 * @param sequence the hub-wide sequence number: every event has a higher one than those published before it
 * @param topic where it happened, e.g. {@code cityhub/things/mqtt:airsensor:w1/channels/pm25/state}
 * @param type what happened, e.g. {@code state}, {@code status}, {@code command}
 * @param payload the event as JSON text, serialised once when it was published
 * @param source who published it, e.g. a binding id or {@code rest}
 * @param timestamp when it was published
 */
public record Event(long sequence, String topic, String type, String payload, String source, Instant timestamp) {
}
