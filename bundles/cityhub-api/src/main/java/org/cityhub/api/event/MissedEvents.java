package org.cityhub.api.event;

/**
 * Tells a subscriber that events were dropped for it: its queue overflowed, or it resumed from a sequence
 * number that has left the replay ring.
 *
 * @param from the first sequence number missed
 * @param to the last sequence number missed
 * @param count how many events matching the subscriber were missed (at most {@code to - from + 1})
 */
public record MissedEvents(long from, long to, long count) {
}
