package org.cityhub.core.internal.event;

/**
 * Events per second over the last ten whole seconds, counted in one bucket per second. Not thread-safe: the
 * bus records under its publish lock and reads the rate under it too.
 */
final class RateWindow {

    private static final int SECONDS = 10;

    private final long[] buckets = new long[SECONDS];
    private long currentSecond;

    void record(long nowMillis) {
        advance(nowMillis / 1000);
        buckets[(int) (currentSecond % SECONDS)]++;
    }

    /** The mean rate over the ten seconds before the current one. */
    double perSecond(long nowMillis) {
        advance(nowMillis / 1000);
        long sum = 0;
        for (int i = 1; i <= SECONDS; i++) {
            sum += buckets[(int) ((currentSecond - i + SECONDS * 2L) % SECONDS)];
        }
        return sum / (double) SECONDS;
    }

    private void advance(long second) {
        if (second <= currentSecond) {
            return;
        }
        long steps = Math.min(second - currentSecond, SECONDS);
        for (long s = 1; s <= steps; s++) {
            buckets[(int) ((currentSecond + s) % SECONDS)] = 0;
        }
        currentSecond = second;
    }
}
