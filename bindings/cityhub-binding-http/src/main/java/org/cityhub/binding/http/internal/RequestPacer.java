package org.cityhub.binding.http.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps an endpoint's requests within the department service's rate, shared by every resource of the endpoint: a
 * token bucket that holds one second's worth of requests (at least one), so a burst of a second's worth goes at
 * once and later requests reserve the next free slot and wait for it.
 */
final class RequestPacer {

    private final double perSecond;
    private final double capacity;
    private double tokens;
    private Instant updated = Instant.MIN;

    RequestPacer(double requestsPerSecond) {
        this.perSecond = requestsPerSecond;
        this.capacity = Math.max(1, requestsPerSecond);
        this.tokens = capacity;
    }

    /** Reserves a request; returns how long to wait before sending it (zero if it may go now). */
    synchronized Duration reserve(Instant now) {
        if (updated != Instant.MIN && now.isAfter(updated)) {
            double seconds = Duration.between(updated, now).toNanos() / 1e9;
            tokens = Math.min(capacity, tokens + seconds * perSecond);
        }
        if (updated == Instant.MIN || now.isAfter(updated)) {
            updated = now;
        }
        tokens -= 1;
        return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-tokens / perSecond * 1e9));
    }
}
