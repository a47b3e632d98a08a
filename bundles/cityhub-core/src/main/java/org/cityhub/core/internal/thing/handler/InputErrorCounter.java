package org.cityhub.core.internal.thing.handler;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.cityhub.api.thing.InputErrors;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the input one handler refused and logs it sparingly: a device that sends garbage a hundred times a
 * second must not fill the log, so one line per thing and minute at most, saying how many were not logged.
 */
final class InputErrorCounter {

    private static final Logger LOG = LoggerFactory.getLogger(InputErrorCounter.class);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private final ThingUID thing;
    private @Nullable Map<String, Long> byChannel; // made at the first refusal on a channel
    private long count;
    private @Nullable String lastReason;
    private @Nullable Instant lastAt;
    private @Nullable Instant lastLogged;
    private long unlogged;

    InputErrorCounter(ThingUID thing) {
        this.thing = thing;
    }

    synchronized void record(@Nullable String channelId, String reason, Instant at) {
        count++;
        if (channelId != null) {
            if (byChannel == null) {
                byChannel = new HashMap<>();
            }
            byChannel.merge(channelId, 1L, Long::sum);
        }
        lastReason = reason;
        lastAt = at;
        if (lastLogged != null && at.isBefore(lastLogged.plus(LOG_INTERVAL))) {
            unlogged++;
            return;
        }
        String where = channelId == null ? "" : " on channel " + channelId;
        String skipped = unlogged == 0 ? "" : " (" + unlogged + " more since the last line)";
        LOG.warn("thing {}: input refused{}: {}{}", thing, where, reason, skipped);
        lastLogged = at;
        unlogged = 0;
    }

    synchronized InputErrors snapshot() {
        return count == 0 ? InputErrors.NONE : new InputErrors(count, byChannel == null ? Map.of() : byChannel, lastReason,
                lastAt);
    }
}
