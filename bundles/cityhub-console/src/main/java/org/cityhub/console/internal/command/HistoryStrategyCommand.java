package org.cityhub.console.internal.command;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.persistence.ChannelHistory;
import org.cityhub.api.persistence.RecordingStrategy;

/** Creates or replaces a history recording strategy, applied at once and kept in etc/org.cityhub.history.cfg. */
@Command(scope = "cityhub", name = "history-strategy", description = "Creates or replaces a history recording"
        + " strategy: which channels it selects, when it records them and how long it keeps them")
@Service
public class HistoryStrategyCommand extends AuditedAction {

    @Argument(index = 0, name = "name", required = true, description = "The strategy's name: lower-case letters,"
            + " digits and -")
    String name;

    @Option(name = "--select", aliases = "-s", required = true, description = "Which channels, comma-separated:"
            + " channel:<UID>, thing:<UID>, thingType:<UID>, tag:<tag>, department:<department>")
    String select;

    @Option(name = "--record", aliases = "-r", required = true, description = "When: change, update, every <duration>,"
            + " threshold <number>[%] or none")
    String record;

    @Option(name = "--keep-raw", description = "How long points are kept: a duration (90d) or forever")
    String keepRaw;

    @Option(name = "--keep-hourly", description = "How long hourly summaries are kept")
    String keepHourly;

    @Option(name = "--keep-daily", description = "How long daily summaries are kept")
    String keepDaily;

    @Reference(optional = true)
    private ChannelHistory history;

    @Override
    Object run() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("select", select);
        settings.put("record", record);
        put(settings, "keepRaw", keepRaw);
        put(settings, "keepHourly", keepHourly);
        put(settings, "keepDaily", keepDaily);
        RecordingStrategy defined = HistoryCommands.running(history).defineStrategy(name, settings);
        System.out.println("Strategy " + defined.name() + ": " + String.join(", ", defined.selectors()) + "; records "
                + defined.recording() + "; keeps " + defined.retention());
        return null;
    }

    private static void put(Map<String, String> settings, String key, String value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    @Override
    String auditTarget() {
        return "history strategy " + name;
    }

    @Override
    String auditDetail() {
        return "select " + select + "; record " + record;
    }
}
