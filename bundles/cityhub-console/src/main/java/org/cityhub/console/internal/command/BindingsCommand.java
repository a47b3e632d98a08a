package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.admin.BindingManager;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Lists the installed bindings. */
@Command(scope = "cityhub", name = "bindings", description = "Lists the installed bindings with their bundle,"
        + " state and how many things each runs and keeps waiting")
@Service
public class BindingsCommand implements Action {

    @Option(name = "--json", description = "Print JSON for scripts (the REST shape) instead of a table")
    boolean json;

    @Reference
    private BindingManager bindings;

    @Override
    public Object execute() {
        if (json) {
            ArrayNode array = Json.array();
            bindings.getAll().forEach(b -> array.addObject().put("id", b.id()).put("bundle", b.bundle())
                    .put("version", b.version()).put("state", b.state()).put("updating", b.updating())
                    .put("thingsHandled", b.thingsHandled()).put("thingsWaiting", b.thingsWaiting()));
            System.out.println(Json.toText(array));
            return null;
        }
        DisplayTable table = new DisplayTable();
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
