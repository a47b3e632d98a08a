package org.cityhub.console.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.cityhub.api.metrics.MetricsProvider;
import org.cityhub.api.metrics.MetricsSink;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Shows the hub's metrics: the bus, its subscribers, SSE clients; the same values as {@code /api/metrics}. */
@Command(scope = "cityhub", name = "stats", description = "Shows the hub's metrics: events published and their rate,"
        + " each subscriber's queue depth, delivered and dropped events, SSE clients")
@Service
public class StatsCommand implements Action {

    @Option(name = "--filter", aliases = "-f", description = "Only metrics whose name or labels contain this text")
    String filter;

    @Reference
    private BundleContext context;

    @Override
    public Object execute() throws InvalidSyntaxException {
        List<String[]> rows = new ArrayList<>();
        MetricsSink sink = new MetricsSink() {
            @Override
            public void counter(String name, String help, Map<String, String> labels, double value) {
                add(name, labels, value);
            }

            @Override
            public void gauge(String name, String help, Map<String, String> labels, double value) {
                add(name, labels, value);
            }

            private void add(String name, Map<String, String> labels, double value) {
                String labelText = labels.isEmpty() ? "" : new TreeMap<>(labels).toString();
                if (filter == null || name.contains(filter) || labelText.contains(filter)) {
                    rows.add(new String[] { name, labelText, format(value) });
                }
            }
        };
        for (ServiceReference<MetricsProvider> reference : context.getServiceReferences(MetricsProvider.class, null)) {
            MetricsProvider provider = context.getService(reference);
            if (provider != null) {
                try {
                    provider.collect(sink);
                } finally {
                    context.ungetService(reference);
                }
            }
        }
        ShellTable table = new ShellTable();
        table.column("Metric");
        table.column("Labels");
        table.column("Value").alignRight();
        rows.forEach(row -> table.addRow().addContent((Object[]) row));
        table.print(System.out);
        return null;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format("%.1f", value);
    }
}
