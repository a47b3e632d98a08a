package org.cityhub.benchmarks.sse;

import java.util.concurrent.atomic.AtomicLongArray;

/** Latencies in 0.1 ms buckets up to 10 s, recorded from many threads without locks. */
final class LatencyHistogram {

    private static final long BUCKET_NANOS = 100_000;
    private final AtomicLongArray buckets = new AtomicLongArray(100_001);

    void record(long nanos) {
        buckets.incrementAndGet((int) Math.min(Math.max(nanos, 0) / BUCKET_NANOS, buckets.length() - 1));
    }

    long count() {
        long count = 0;
        for (int i = 0; i < buckets.length(); i++) {
            count += buckets.get(i);
        }
        return count;
    }

    /** The latency in milliseconds below which the given fraction of samples lie (upper bucket edge). */
    double percentileMillis(double fraction) {
        long total = count();
        long rank = (long) Math.ceil(total * fraction);
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank && total > 0) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return Double.NaN;
    }

    void reset() {
        for (int i = 0; i < buckets.length(); i++) {
            buckets.set(i, 0);
        }
    }
}
