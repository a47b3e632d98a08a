package org.cityhub.api.binding;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a handler waits before trying again after consecutive failures (a poll, a connection): the base delay
 * doubled per failure, up to a ceiling, less up to a fifth at random so that many things that failed together do
 * not all return in the same second. Not thread-safe: use it from the handler's own scheduled work.
 */
public final class Backoff {

    private final Duration base;
    private final Duration ceiling;
    private int failures;

    /**
     * A backoff.
     *
     * @param base the delay after the first failure is twice this (typically the polling interval)
     * @param ceiling the longest delay; at least {@code base}
     */
    public Backoff(Duration base, Duration ceiling) {
        this.base = base;
        this.ceiling = ceiling.compareTo(base) < 0 ? base : ceiling;
    }

    /** Counts a failure and returns the delay before the next attempt. */
    public Duration failed() {
        failures++;
        long nominal = base.toMillis() << Math.min(failures, 20);
        long capped = Math.min(nominal, ceiling.toMillis());
        return Duration.ofMillis(capped - (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble()));
    }

    /** The failures since the last success. */
    public int failures() {
        return failures;
    }

    /** Forgets the failures: the next failure waits the shortest delay again. */
    public void succeeded() {
        failures = 0;
    }
}
