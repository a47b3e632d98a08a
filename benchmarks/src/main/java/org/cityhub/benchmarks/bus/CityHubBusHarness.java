package org.cityhub.benchmarks.bus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;
import org.cityhub.core.internal.event.AsyncEventBus;
import org.cityhub.core.internal.event.DeliveryPool;

/** CityHub's bus as the hub runs it: two delivery threads, a mailbox per subscriber, large enough not to drop. */
final class CityHubBusHarness implements BusHarness {

    private static final String PAYLOAD = "{\"thingUID\":\"bench:sensor:s1\",\"channel\":\"value\"}";

    private final DeliveryPool delivery = new DeliveryPool(2, Duration.ofMillis(500));
    private final AsyncEventBus bus = AsyncEventBus.inMemory(1 << 21, 1024, delivery);
    private final List<AtomicLong> received = new ArrayList<>();

    CityHubBusHarness(int subscribers) {
        for (int i = 0; i < subscribers; i++) {
            boolean matching = BusHarness.matches(i, subscribers);
            AtomicLong counter = new AtomicLong();
            if (matching) {
                received.add(counter);
            }
            bus.subscribe(TopicFilter.of(matching ? "bench/hot/+" : "bench/cold/+"),
                    event -> counter.lazySet(counter.get() + 1), SubscriptionOptions.named("bench-" + i));
        }
    }

    @Override
    public void publish() {
        bus.publish("bench/hot/s1", "state", PAYLOAD, "bench");
    }

    @Override
    public List<AtomicLong> received() {
        return received;
    }

    @Override
    public void close() {
        try {
            delivery.shutdown(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
