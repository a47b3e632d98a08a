package org.cityhub.benchmarks.bus;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The bus being measured, with its subscribers, shared by the throughput and latency benchmarks. */
@State(Scope.Benchmark)
public class BusUnderTest {

    @Param({ "cityhub", "eventadmin-timeout0", "eventadmin", "disruptor", "abq" })
    public String system;

    @Param({ "1", "8", "64" })
    public int subscribers;

    BusHarness harness;
    long published;

    @Setup(Level.Trial)
    public void start() {
        harness = BusHarness.create(system, subscribers);
        published = 0;
    }

    @TearDown(Level.Trial)
    public void stop() {
        harness.close();
    }
}
