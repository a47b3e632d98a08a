package org.cityhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(2, 3, nanos::get);

    @Test
    void aBurstPassesThenTheCallerWaitsForTheRefill() {
        assertThat(limiter.acquire("ops")).isZero();
        assertThat(limiter.acquire("ops")).isZero();
        assertThat(limiter.acquire("ops")).isZero();
        assertThat(limiter.acquire("ops")).isEqualTo(1);

        nanos.addAndGet(500_000_000L);
        assertThat(limiter.acquire("ops")).isZero();
        assertThat(limiter.acquire("ops")).isEqualTo(1);
    }

    @Test
    void eachTokenHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("busy");
        }
        assertThat(limiter.acquire("busy")).isPositive();
        assertThat(limiter.acquire("quiet")).isZero();
    }

    @Test
    void theBucketNeverHoldsMoreThanTheBurst() {
        nanos.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("idle")).isZero();
        }
        assertThat(limiter.acquire("idle")).isPositive();
    }
}
