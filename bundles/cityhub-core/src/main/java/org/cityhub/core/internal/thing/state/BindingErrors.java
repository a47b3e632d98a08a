package org.cityhub.core.internal.thing.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.cityhub.api.metrics.MetricsProvider;
import org.cityhub.api.metrics.MetricsSink;
import org.cityhub.api.thing.ThingStatus;
import org.osgi.service.component.annotations.Component;

/**
 * What went wrong in each binding, counted by kind (a handler that threw or hung, a state that did not fit its
 * channel, …), and the things of each binding by status: the metrics an admin alerts on.
 */
@Component(service = { BindingErrors.class, MetricsProvider.class })
public final class BindingErrors implements MetricsProvider {

    private record Key(String binding, String kind) {
    }

    private final Map<Key, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile Supplier<Map<String, Map<ThingStatus, Integer>>> things = Map::of;

    /** Counts one error of the binding. */
    public void record(String binding, String kind) {
        errors.computeIfAbsent(new Key(binding, kind), k -> new LongAdder()).increment();
    }

    /** Where the things of each binding are counted by status; set by the thing manager when it starts. */
    public void countThingsWith(Supplier<Map<String, Map<ThingStatus, Integer>>> counts) {
        this.things = counts;
    }

    @Override
    public void collect(MetricsSink sink) {
        errors.forEach((key, count) -> sink.counter("cityhub_binding_errors_total",
                "Errors of a binding's handlers, by kind", Map.of("binding", key.binding(), "kind", key.kind()),
                count.sum()));
        things.get().forEach((binding, byStatus) -> byStatus.forEach((status, count) -> sink.gauge("cityhub_things",
                "Things by binding and status", Map.of("binding", binding, "status", status.name()), count)));
    }
}
