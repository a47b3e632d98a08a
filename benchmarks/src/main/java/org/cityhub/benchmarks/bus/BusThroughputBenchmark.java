package org.cityhub.benchmarks.bus;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second through each bus: publish a batch of 10,000 events, then wait until every matching
 * subscriber has them all. The score counts events published (and delivered to every matching subscriber).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BusThroughputBenchmark {

    static final int BATCH = 10_000;

    @Param({ "cityhub", "eventadmin", "eventadmin-timeout0", "abq" })
    public String system;

    @Param({ "1", "8", "64" })
    public int subscribers;

    private BusHarness harness;
    private long published;

    @Setup(Level.Trial)
    public void start() {
        harness = BusHarness.create(system, subscribers);
        published = 0;
    }

    @TearDown(Level.Trial)
    public void stop() {
        harness.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void publishBatch() {
        for (int i = 0; i < BATCH; i++) {
            harness.publish();
        }
        published += BATCH;
        harness.awaitDelivery(published);
    }
}
