package org.cityhub.console.internal.command;

import java.io.IOException;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.persistence.ChannelHistory;

/** Removes a history recording strategy. */
@Command(scope = "cityhub", name = "history-strategy-remove", description = "Removes a history recording strategy;"
        + " its channels follow the other strategies or the default")
@Service
public class HistoryStrategyRemoveCommand extends AuditedAction {

    @Argument(index = 0, name = "name", required = true, description = "The strategy's name")
    String name;

    @Reference(optional = true)
    private ChannelHistory history;

    @Override
    Object run() throws IOException {
        if (!HistoryCommands.running(history).removeStrategy(name)) {
            throw new IllegalArgumentException("no strategy '" + name + "'; cityhub:history-strategies lists them");
        }
        System.out.println("Strategy " + name + " removed");
        return null;
    }

    @Override
    String auditTarget() {
        return "history strategy " + name;
    }
}
