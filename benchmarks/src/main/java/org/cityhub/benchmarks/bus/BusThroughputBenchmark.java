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
 * Events per second through each bus: publish a burst of 1,000 events (a tenth of the hub's default queue per
 * subscriber, so that nothing is dropped and every event is counted), then wait until every matching subscriber
 * has them all. The score counts events published and delivered to every matching subscriber; deliveries per
 * second are the score times the matching subscribers (1, 4 or 32).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class BusThroughputBenchmark {

    static final int BATCH = 1_000;

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
