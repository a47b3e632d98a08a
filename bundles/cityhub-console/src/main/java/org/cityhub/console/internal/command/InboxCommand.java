package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.discovery.Inbox;
import org.cityhub.json.DiscoveryJson;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Lists the discovered devices. */
@Command(scope = "cityhub", name = "inbox", description = "Lists discovered devices waiting to be approved"
        + " (cityhub:inbox-approve), ignored or removed")
@Service
public class InboxCommand implements Action {

    @Option(name = "--all", aliases = "-a", description = "Also list ignored entries")
    boolean all;

    @Option(name = "--scan", aliases = "-s", description = "Ask every discovery service to scan first")
    boolean scan;

    @Option(name = "--json", description = "Print JSON for scripts (the REST shape) instead of a table")
    boolean json;

    @Reference
    private Inbox inbox;

    @Override
    public Object execute() {
        if (scan) {
            inbox.scan();
        }
        if (json) {
            ArrayNode array = Json.array();
            inbox.getAll().stream().filter(entry -> all || !entry.ignored()).map(DiscoveryJson::inboxEntry)
                    .forEach(array::add);
            System.out.println(Json.toText(array));
            return null;
        }
        DisplayTable table = new DisplayTable();
        table.column("UID");
        table.column("Label");
        table.column("Ignored");
        table.column("Discovered");
        inbox.getAll().stream().filter(entry -> all || !entry.ignored())
                .forEach(entry -> table.addRow().addContent(entry.result().thingUID(), entry.result().label(),
                        entry.ignored() ? "yes" : "", entry.discovered()));
        table.print(System.out);
        return null;
    }
}
