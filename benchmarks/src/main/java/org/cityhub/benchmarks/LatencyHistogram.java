package org.cityhub.benchmarks;

import java.util.concurrent.atomic.AtomicLongArray;

/** Latencies in 0.1 ms buckets up to 10 s, recorded from many threads without locks. */
public final class LatencyHistogram {

    private static final long BUCKET_MICROS = 100;
    private final AtomicLongArray buckets = new AtomicLongArray(100_001);

    /** Counts one latency, in microseconds; below zero counts as zero, beyond 10 s as 10 s. */
    public void record(long micros) {
        buckets.incrementAndGet((int) Math.min(Math.max(micros, 0) / BUCKET_MICROS, buckets.length() - 1));
    }

    /** The latency below which this fraction of those recorded lies, in milliseconds; NaN if none was. */
    public double percentileMillis(double fraction) {
        long total = 0;
        for (int i = 0; i < buckets.length(); i++) {
            total += buckets.get(i);
        }
        long rank = (long) Math.ceil(total * fraction);
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank && total > 0) {
                return (i + 1) * BUCKET_MICROS / 1e3;
            }
        }
        return Double.NaN;
    }

    public void reset() {
        for (int i = 0; i < buckets.length(); i++) {
            buckets.set(i, 0);
        }
    }
}
