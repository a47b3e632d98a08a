package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.persistence.ChannelHistory;
import org.cityhub.api.persistence.HistoryStatus;

/** How history recording fares. */
@Command(scope = "cityhub", name = "history-status", description = "Shows the history store, points waiting,"
        + " written, dropped and missed, the oldest point and the disk used")
@Service
public class HistoryStatusCommand implements Action {

    @Reference(optional = true)
    private ChannelHistory history;

    @Override
    public Object execute() {
        HistoryStatus status = HistoryCommands.running(history).status();
        System.out.println("Store:     " + status.store() + (status.info() == null ? "" : " — "
                + status.info().description()));
        System.out.println("Recording: " + (status.problem() == null ? "yes" : "NO, points wait in memory: "
                + status.problem()));
        System.out.println("Waiting:   " + status.queued() + " points");
        System.out.println("Written:   " + status.written() + " points since the hub started");
        System.out.println("Dropped:   " + status.dropped() + " points (more waited than bufferPoints)");
        System.out.println("Missed:    " + status.missed() + " events that never reached the recorder");
        if (status.info() != null) {
            System.out.println("Oldest:    " + (status.info().oldest() == null ? "no points yet" : status.info().oldest()));
            System.out.println("Summaries: " + (status.info().summarisedUntil() == null ? "none yet"
                    : "hourly up to " + status.info().summarisedUntil()));
            System.out.println("Disk:      " + (status.info().bytes() < 0 ? "unknown"
                    : String.format("%.1f MiB", status.info().bytes() / 1048576.0)));
        }
        return null;
    }
}
