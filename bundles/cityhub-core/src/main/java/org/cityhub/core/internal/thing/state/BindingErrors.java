package org.cityhub.core.internal.thing.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.cityhub.api.metrics.MetricsProvider;
import org.cityhub.api.metrics.MetricsSink;
import org.cityhub.api.thing.ThingRegistry;
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
    private volatile ThingRegistry things;

    /** Counts one error of the binding. */
    public void record(String binding, String kind) {
        errors.computeIfAbsent(new Key(binding, kind), k -> new LongAdder()).increment();
    }

    /** The registry whose things are counted by status; set by the thing manager when it starts. */
    public void countThingsOf(ThingRegistry registry) {
        this.things = registry;
    }

    @Override
    public void collect(MetricsSink sink) {
        errors.forEach((key, count) -> sink.counter("cityhub_binding_errors_total",
                "Errors of a binding's handlers, by kind", Map.of("binding", key.binding(), "kind", key.kind()),
                count.sum()));
        ThingRegistry registry = things;
        if (registry == null) {
            return;
        }
        Map<Map<String, String>, Long> byStatus = new ConcurrentHashMap<>();
        registry.getAll().forEach(thing -> byStatus.merge(Map.of("binding", thing.uid().bindingId(), "status",
                registry.getStatus(thing.uid()).status().name()), 1L, Long::sum));
        byStatus.forEach((labels, count) -> sink.gauge("cityhub_things", "Things by binding and status", labels, count));
    }
}
