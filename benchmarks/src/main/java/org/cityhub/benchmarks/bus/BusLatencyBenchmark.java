package org.cityhub.benchmarks.bus;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Publish-to-delivery latency: publish one event and wait until every matching subscriber has it. JMH's
 * sample mode reports the percentiles (p0.50, p0.99, …) of that round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BusLatencyBenchmark {

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
    public void publishOneAndAwaitDelivery() {
        harness.publish();
        harness.awaitDelivery(++published);
    }
}
