package org.cityhub.rest.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Requests per token as a token bucket: {@code burst} requests at once, refilled at {@code perSecond}. A caller
 * over its rate is told how many seconds to wait.
 */
final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Takes one request from the key's bucket: 0 if allowed, else the whole seconds to wait before retrying. */
    int acquire(String key) {
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoTime.getAsLong())).take(nanoTime.getAsLong());
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized int take(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (int) Math.max(1, Math.ceil((1 - tokens) / perSecond));
        }
    }
}
