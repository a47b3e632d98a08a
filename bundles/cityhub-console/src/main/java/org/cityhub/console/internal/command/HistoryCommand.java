package org.cityhub.console.internal.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.config.DurationText;
import org.cityhub.api.config.InstantText;
import org.cityhub.api.persistence.Aggregate;
import org.cityhub.api.persistence.Bucket;
import org.cityhub.api.persistence.ChannelHistory;
import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.persistence.PersistenceException;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.OpenClosed;
import org.cityhub.api.types.State;

/** A channel's past states, raw or aggregated, with a bar per row to see the shape at a glance. */
@Command(scope = "cityhub", name = "history", description = "Shows a channel's past states: raw points, or"
        + " aggregated per interval, each with a bar")
@Service
public class HistoryCommand implements Action {

    private static final int BAR_WIDTH = 30;
    private static final Pattern RELATIVE = Pattern.compile("\\d+[smhd]|P.*", Pattern.CASE_INSENSITIVE);

    @Argument(index = 0, name = "channel", required = true, description = "The channel's UID, e.g."
            + " sim:gauge:qiantang:level")
    @Completion(StateChannelCompleter.class)
    String channel;

    @Option(name = "--since", aliases = "-s", description = "From when: ISO-8601, or how long before now, like 1h"
            + " or 7d")
    String since = "1h";

    @Option(name = "--until", aliases = "-u", description = "Until when: ISO-8601, now, or how long before now,"
            + " like 10m")
    String until = "now";

    @Option(name = "--interval", aliases = "-i", description = "Aggregate per interval, e.g. 5m, 1h; without it,"
            + " raw points")
    String interval;

    @Option(name = "--aggregate", aliases = "-a", description = "avg, min, max, sum, count, first, last or twa"
            + " (time-weighted average)")
    String aggregate = "avg";

    @Option(name = "--limit", aliases = "-n", description = "The most raw points shown")
    int limit = 100;

    @Reference(optional = true)
    private ChannelHistory history;

    @Reference
    private ThingRegistry things;

    @Override
    public Object execute() throws PersistenceException {
        ChannelHistory service = HistoryCommands.running(history);
        ChannelUID uid = ChannelUID.parse(channel);
        if (things.get(uid.thingUID()).isEmpty()) {
            throw new IllegalArgumentException("no thing " + uid.thingUID() + "; cityhub:things lists them");
        }
        Instant now = Clock.systemUTC().instant();
        Instant from = time(since, now);
        Instant to = time(until, now);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--since (" + from + ") must be before --until (" + to + ")");
        }
        List<Instant> times = new ArrayList<>();
        List<State> values = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        if (interval == null) {
            for (HistoricState point : service.points(uid, from, to, null, Math.max(1, Math.min(limit,
                    service.maxPoints()))).points()) {
                times.add(point.time());
                values.add(point.state());
            }
        } else {
            Aggregate how = Aggregate.byId(aggregate).orElseThrow(() -> new IllegalArgumentException(
                    "--aggregate must be one of " + Aggregate.ids()));
            Duration step = DurationText.parse(interval);
            for (Bucket bucket : service.aggregate(uid, from, to, step, how)) {
                times.add(bucket.start());
                values.add(bucket.value());
                counts.add(Long.toString(bucket.count()));
            }
        }
        print(times, values, counts);
        return null;
    }

    /**
     * A time as {@link InstantText} reads it, or a bare duration ({@code 1h}) as that long before now: the shell
     * takes {@code -1h} for an option.
     */
    private static Instant time(String text, Instant now) {
        return InstantText.parse(RELATIVE.matcher(text.trim()).matches() ? "-" + text.trim() : text, now);
    }

    private void print(List<Instant> times, List<State> values, List<String> counts) {
        if (times.isEmpty()) {
            System.out.println("No points of " + channel + " from " + since + " until " + until);
            return;
        }
        double[] numbers = values.stream().mapToDouble(HistoryCommand::number).toArray();
        double min = Arrays.stream(numbers).filter(n -> !Double.isNaN(n)).min().orElse(0);
        double max = Arrays.stream(numbers).filter(n -> !Double.isNaN(n)).max().orElse(0);
        DisplayTable table = new DisplayTable();
        table.column(interval == null ? "Time" : "Interval from");
        table.column("Value");
        if (!counts.isEmpty()) {
            table.column("Points");
        }
        table.column("");
        for (int i = 0; i < times.size(); i++) {
            List<Object> row = new ArrayList<>(List.of(times.get(i), values.get(i)));
            if (!counts.isEmpty()) {
                row.add(counts.get(i));
            }
            row.add(bar(numbers[i], min, max));
            table.addRow().addContent(row);
        }
        table.print(System.out);
    }

    /** What a bar shows of a state: numbers, and on/off and open/closed as 1 and 0; NaN for the rest. */
    private static double number(State state) {
        if (state instanceof NumberValue n) {
            return n.value().doubleValue();
        } else if (state instanceof OnOff o) {
            return o == OnOff.ON ? 1 : 0;
        } else if (state instanceof OpenClosed o) {
            return o == OpenClosed.OPEN ? 1 : 0;
        }
        return Double.NaN;
    }

    /** A bar from the smallest value shown (one block) to the largest (the full width). */
    static String bar(double value, double min, double max) {
        if (Double.isNaN(value)) {
            return "";
        }
        double share = max > min ? (value - min) / (max - min) : 1;
        int blocks = 1 + (int) Math.round(share * (BAR_WIDTH - 1));
        return "█".repeat(blocks);
    }
}
