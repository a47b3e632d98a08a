package org.cityhub.benchmarks.bus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One event bus under test with its subscribers: N subscribers, half of them matching the published topic (all
 * when N = 1). Each matching subscriber counts what it receives; the benchmark waits until the slowest has all.
 */
interface BusHarness extends AutoCloseable {

    /** The systems compared, by the name the benchmarks' {@code system} parameter takes. */
    Map<String, Function<Integer, BusHarness>> SYSTEMS = Map.of(
            "cityhub", CityHubBusHarness::new,
            "eventadmin", subscribers -> new EventAdminHarness(subscribers, 5000),
            "eventadmin-timeout0", subscribers -> new EventAdminHarness(subscribers, 0),
            "abq", QueuePerSubscriberHarness::new,
            "disruptor", DisruptorHarness::new);

    static BusHarness create(String system, int subscribers) {
        Function<Integer, BusHarness> factory = SYSTEMS.get(system);
        if (factory == null) {
            throw new IllegalArgumentException("unknown system '" + system + "'; known: " + SYSTEMS.keySet());
        }
        return factory.apply(subscribers);
    }

    /** Whether subscriber {@code index} of {@code count} matches the published topic. */
    static boolean matches(int index, int count) {
        return count == 1 || index % 2 == 0;
    }

    /** Publishes one event on the topic that half the subscribers match. */
    void publish();

    /** The matching subscribers' counters. */
    List<AtomicLong> received();

    /** Events received by the slowest matching subscriber. */
    default long slowestReceived() {
        long min = Long.MAX_VALUE;
        for (AtomicLong counter : received()) {
            min = Math.min(min, counter.get());
        }
        return min;
    }

    /** Waits, without sleeping a fixed time, until every matching subscriber has received {@code target} events. */
    default void awaitDelivery(long target) {
        while (slowestReceived() < target) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Override
    void close();
}
