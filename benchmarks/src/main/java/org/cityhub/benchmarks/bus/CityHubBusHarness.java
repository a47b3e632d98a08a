package org.cityhub.benchmarks.bus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.MissedEvents;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;
import org.cityhub.core.internal.event.EventBusService;
import org.cityhub.core.internal.storage.DamagedFiles;

/**
 * CityHub's bus as the distribution runs it: the same {@link EventBusService} component, with every setting at
 * its default (2 delivery threads, 10,000 events per subscriber queue, a 500 ms budget per subscriber, sequence
 * numbers reserved in a file). A subscriber that misses events fails the benchmark: every event is counted.
 */
final class CityHubBusHarness implements BusHarness {

    private static final String PAYLOAD = "{\"thingUID\":\"bench:sensor:s1\",\"channel\":\"value\"}";

    private final EventBusService bus;
    private final List<AtomicLong> received = new ArrayList<>();
    private final AtomicLong missed = new AtomicLong();

    CityHubBusHarness(int subscribers) {
        bus = new EventBusService(new DamagedFiles(), defaults(stateDirectory()));
        for (int i = 0; i < subscribers; i++) {
            boolean matching = BusHarness.matches(i, subscribers);
            AtomicLong counter = new AtomicLong();
            if (matching) {
                received.add(counter);
            }
            bus.subscribe(TopicFilter.of(matching ? "bench/hot/+" : "bench/cold/+"), new EventSubscriber() {
                @Override
                public void onEvent(Event event) {
                    counter.lazySet(counter.get() + 1);
                }

                @Override
                public void onMissed(MissedEvents gap) {
                    missed.addAndGet(gap.count());
                }
            }, SubscriptionOptions.named("bench-" + i));
        }
    }

    /** The component's configuration as the distribution has it: every attribute at its default. */
    private static EventBusService.Config defaults(Path stateDirectory) {
        return (EventBusService.Config) Proxy.newProxyInstance(EventBusService.Config.class.getClassLoader(),
                new Class<?>[] { EventBusService.Config.class }, (proxy, method, arguments) ->
                        method.getName().equals("stateDirectory") ? stateDirectory.toString() : method.getDefaultValue());
    }

    private static Path stateDirectory() {
        try {
            return Files.createTempDirectory("cityhub-bench-bus");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void publish() {
        bus.publish("bench/hot/s1", "state", PAYLOAD, "bench");
    }

    @Override
    public List<AtomicLong> received() {
        if (missed.get() > 0) {
            throw new IllegalStateException(missed.get() + " events were missed: the measurement does not count");
        }
        return received;
    }

    @Override
    public void close() {
        try {
            bus.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
