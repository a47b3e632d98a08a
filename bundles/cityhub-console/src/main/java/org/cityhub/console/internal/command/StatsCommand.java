package org.cityhub.console.internal.command;

import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.json.Json;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Shows the hub's metrics: the bus, its subscribers, SSE clients, the JVM; the same values as {@code /api/metrics}. */
@Command(scope = "cityhub", name = "stats", description = "Shows the hub's metrics: events published and their rate,"
        + " each subscriber's queue depth, delivered and dropped events, SSE clients, JVM heap and threads")
@Service
public class StatsCommand implements Action {

    @Option(name = "--filter", aliases = "-f", description = "Only metrics whose name or labels contain this text")
    String filter;

    @Option(name = "--json", description = "Print JSON for scripts instead of a table")
    boolean json;

    @Reference
    private BundleContext context;

    @Override
    public Object execute() throws InvalidSyntaxException {
        DisplayTable table = new DisplayTable();
        table.column("Metric");
        table.column("Labels");
        table.column("Value").alignRight();
        ArrayNode array = Json.array();
        for (MetricSamples.Sample sample : MetricSamples.collect(context).all()) {
            String labels = sample.labels().isEmpty() ? "" : new TreeMap<>(sample.labels()).toString();
            if (filter == null || sample.name().contains(filter) || labels.contains(filter)) {
                table.addRow().addContent(sample.name(), labels, format(sample.value()));
                ObjectNode node = array.addObject().put("name", sample.name()).put("value", sample.value());
                sample.labels().forEach(node.putObject("labels")::put);
            }
        }
        if (json) {
            System.out.println(Json.toText(array));
        } else {
            table.print(System.out);
        }
        return null;
    }

    static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format("%.1f", value);
    }
}
