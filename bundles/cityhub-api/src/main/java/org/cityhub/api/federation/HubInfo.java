package org.cityhub.api.federation;

import java.time.Instant;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Another hub as this hub last heard of it.
 *
 * @param id its id
 * @param alive whether its heartbeats come
 * @param stopped whether it said it stopped
 * @param started when it started
 * @param lastHeard when its last heartbeat was sent
 * @param sharedThings the things it says it shares
 * @param thingsHere its things this hub knows
 * @param lagMillis how long its last record took from it to this hub, or -1 before the first
 */
public record HubInfo(String id, boolean alive, boolean stopped, @Nullable Instant started,
        @Nullable Instant lastHeard, int sharedThings, int thingsHere, long lagMillis) {
}
