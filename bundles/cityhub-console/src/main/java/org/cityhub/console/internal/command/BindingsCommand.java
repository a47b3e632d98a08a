package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.cityhub.api.bindings.BindingManager;

/** Lists the installed bindings. */
@Command(scope = "cityhub", name = "bindings", description = "Lists the installed bindings with their bundle,"
        + " state and how many things each runs and keeps waiting")
@Service
public class BindingsCommand implements Action {

    @Reference
    private BindingManager bindings;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Binding");
        table.column("Bundle");
        table.column("Version");
        table.column("State");
        table.column("Things running").alignRight();
        table.column("Waiting").alignRight();
        bindings.getAll().forEach(b -> table.addRow().addContent(b.id(), b.bundle(), b.version(),
                b.updating() ? "UPDATING" : b.state(), b.thingsHandled(), b.thingsWaiting()));
        table.print(System.out);
        return null;
    }
}
