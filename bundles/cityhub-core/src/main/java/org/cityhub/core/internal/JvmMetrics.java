package org.cityhub.core.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;

import org.cityhub.api.metrics.MetricsProvider;
import org.cityhub.api.metrics.MetricsSink;
import org.osgi.service.component.annotations.Component;

/** The JVM's heap, threads and uptime, under the names Prometheus' JVM exporters use. */
@Component(service = MetricsProvider.class)
public final class JvmMetrics implements MetricsProvider {

    @Override
    public void collect(MetricsSink sink) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        sink.gauge("jvm_memory_used_bytes", "Memory in use", Map.of("area", "heap"), heap.getUsed());
        sink.gauge("jvm_memory_max_bytes", "The most memory the JVM may use", Map.of("area", "heap"), heap.getMax());
        sink.gauge("jvm_threads_current", "Live threads", Map.of(), ManagementFactory.getThreadMXBean().getThreadCount());
        sink.gauge("process_uptime_seconds", "Seconds since the JVM started", Map.of(),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
    }
}
