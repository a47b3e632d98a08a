package org.cityhub.console.internal.command;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.admin.BindingManager;
import org.cityhub.api.health.HealthCheck;
import org.cityhub.api.health.HealthIndicator;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.json.Json;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The hub on one screen: readiness, bindings, things by status, the bus, SSE clients, uptime. */
@Command(scope = "cityhub", name = "status", description = "Shows the hub on one screen: readiness and its checks,"
        + " bindings, things by status, event bus, SSE clients, uptime")
@Service
public class StatusCommand implements Action {

    @Option(name = "--json", description = "Print JSON for scripts instead of text")
    boolean json;

    @Reference
    private ThingRegistry things;

    @Reference
    private BindingManager bindings;

    @Reference
    private BundleContext context;

    @Override
    public Object execute() throws InvalidSyntaxException {
        List<HealthCheck> checks = checks();
        boolean ready = checks.stream().allMatch(HealthCheck::ready);
        boolean degraded = checks.stream().anyMatch(HealthCheck::degraded);
        Map<String, Integer> byStatus = new TreeMap<>();
        things.countByStatus().forEach((status, count) -> byStatus.put(status.name(), count));
        MetricSamples metrics = MetricSamples.collect(context);
        Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        if (json) {
            ObjectNode node = Json.object().put("ready", ready).put("degraded", degraded)
                    .put("uptimeSeconds", uptime.toSeconds());
            checks.forEach(c -> node.withObjectProperty("checks").putObject(c.name()).put("ready", c.ready())
                    .put("degraded", c.degraded()).put("detail", c.detail()));
            bindings.getAll().forEach(b -> node.withObjectProperty("bindings").putObject(b.id()).put("state", b.state())
                    .put("thingsHandled", b.thingsHandled()).put("thingsWaiting", b.thingsWaiting()));
            byStatus.forEach(node.putObject("things")::put);
            node.put("eventsPublished", metrics.value("cityhub_events_published_total").orElse(0.0))
                    .put("eventsPerSecond", metrics.value("cityhub_events_publish_rate").orElse(0.0))
                    .put("sseClients", metrics.value("cityhub_sse_clients").orElse(0.0));
            System.out.println(Json.toText(node));
            return null;
        }
        System.out.println("Ready        " + (ready ? "yes" : "NO") + (degraded ? ", DEGRADED (see below)" : ""));
        checks.forEach(c -> System.out.println("  " + (!c.ready() ? "FAIL " : c.degraded() ? "WARN " : "ok   ")
                + c.name() + ": " + c.detail()));
        System.out.println("Uptime       " + uptime.toHours() + " h " + uptime.toMinutesPart() + " min");
        System.out.println("Bindings     " + bindings.getAll().stream().map(b -> b.id() + " (" + b.state() + ", "
                + b.thingsHandled() + " running, " + b.thingsWaiting() + " waiting)").collect(Collectors.joining(", ")));
        System.out.println("Things       " + byStatus.values().stream().mapToInt(Integer::intValue).sum() + ": " + byStatus.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        System.out.println("Event bus    " + StatsCommand.format(metrics.value("cityhub_events_published_total").orElse(0.0))
                + " published, " + StatsCommand.format(metrics.value("cityhub_events_publish_rate").orElse(0.0)) + "/s, "
                + StatsCommand.format(metrics.value("cityhub_event_subscribers").orElse(0.0)) + " subscribers");
        System.out.println("SSE clients  " + StatsCommand.format(metrics.value("cityhub_sse_clients").orElse(0.0)));
        return null;
    }

    private List<HealthCheck> checks() throws InvalidSyntaxException {
        return context.getServiceReferences(HealthIndicator.class, null).stream().map(this::check).toList();
    }

    private HealthCheck check(ServiceReference<HealthIndicator> reference) {
        HealthIndicator indicator = context.getService(reference);
        try {
            return indicator == null ? new HealthCheck("?", true, "gone") : indicator.check();
        } finally {
            context.ungetService(reference);
        }
    }
}
