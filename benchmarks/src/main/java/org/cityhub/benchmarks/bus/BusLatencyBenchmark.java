package org.cityhub.benchmarks.bus;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Publish-to-delivery latency: publish one event and wait until every matching subscriber has it. JMH's
 * sample mode reports the percentiles (p0.50, p0.99, …) of that round trip.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class BusLatencyBenchmark {

    @Benchmark
    public void publishOneAndAwaitDelivery(BusUnderTest bus) {
        bus.harness.publish();
        bus.harness.awaitDelivery(++bus.published);
    }
}
