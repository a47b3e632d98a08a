package org.cityhub.benchmarks.bus;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second through each bus: publish a batch of 10,000 events, then wait until every matching
 * subscriber has them all. The score counts events published (and delivered to every matching subscriber).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BusThroughputBenchmark {

    static final int BATCH = 10_000;

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void publishBatch(BusUnderTest bus) {
        for (int i = 0; i < BATCH; i++) {
            bus.harness.publish();
        }
        bus.published += BATCH;
        bus.harness.awaitDelivery(bus.published);
    }
}
