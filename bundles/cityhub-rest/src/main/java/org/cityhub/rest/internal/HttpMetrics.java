package org.cityhub.rest.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.cityhub.api.metrics.MetricsProvider;
import org.cityhub.api.metrics.MetricsSink;
import org.osgi.service.component.annotations.Component;

/** Requests to {@code /api} by route (its template, not the concrete path) and status. */
@Component(service = { HttpMetrics.class, MetricsProvider.class })
public final class HttpMetrics implements MetricsProvider {

    private record Key(String route, int status) {
    }

    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();

    void record(String route, int status) {
        requests.computeIfAbsent(new Key(route, status), k -> new LongAdder()).increment();
    }

    @Override
    public void collect(MetricsSink sink) {
        requests.forEach((key, count) -> sink.counter("cityhub_http_requests_total", "Requests to /api by route and status",
                Map.of("route", key.route(), "status", Integer.toString(key.status())), count.sum()));
    }
}
