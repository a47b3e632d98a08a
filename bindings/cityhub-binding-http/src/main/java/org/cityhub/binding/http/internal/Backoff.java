package org.cityhub.binding.http.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait after consecutive failures: the polling interval doubled per failure, up to a ceiling, less up
 * to a fifth at random so that many resources that failed together do not all return in the same second.
 */
final class Backoff {

    private final Duration interval;
    private final Duration ceiling;
    private int failures;

    Backoff(Duration interval, Duration ceiling) {
        this.interval = interval;
        this.ceiling = ceiling.compareTo(interval) < 0 ? interval : ceiling;
    }

    /** Counts a failure and returns the delay before the next attempt. */
    Duration failed() {
        failures++;
        long nominal = interval.toMillis() << Math.min(failures, 20);
        long capped = Math.min(nominal, ceiling.toMillis());
        return Duration.ofMillis(capped - (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble()));
    }

    /** The failures since the last success. */
    int failures() {
        return failures;
    }

    void succeeded() {
        failures = 0;
    }
}
