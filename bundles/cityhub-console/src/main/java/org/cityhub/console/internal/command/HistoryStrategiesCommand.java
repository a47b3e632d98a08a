package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.persistence.ChannelHistory;
import org.cityhub.api.persistence.RecordingStrategy;

/** The recording strategies in force (etc/org.cityhub.history.cfg). */
@Command(scope = "cityhub", name = "history-strategies", description = "Lists the history recording strategies:"
        + " which channels each selects and when it records them")
@Service
public class HistoryStrategiesCommand implements Action {

    @Reference(optional = true)
    private ChannelHistory history;

    @Override
    public Object execute() {
        DisplayTable table = new DisplayTable();
        table.column("Strategy");
        table.column("Selects");
        table.column("Records");
        table.column("Keeps");
        for (RecordingStrategy strategy : HistoryCommands.running(history).strategies()) {
            table.addRow().addContent(strategy.name(), strategy.selectors().isEmpty() ? "every other channel"
                    : String.join(", ", strategy.selectors()), strategy.recording(), strategy.retention());
        }
        table.print(System.out);
        return null;
    }
}
