package org.cityhub.console.internal.command;

import java.time.Duration;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.federation.FederationStatus;
import org.cityhub.api.federation.HubInfo;

/** The other hubs of the federation, as this hub last heard of them. */
@Command(scope = "cityhub", name = "hubs", description = "Shows the other hubs of the federation: alive or not, when"
        + " last heard of, the things each shares and this hub knows, and how long their records take to come")
@Service
public class HubsCommand implements Action {

    @Reference(optional = true)
    private FederationStatus federation;

    @Override
    public Object execute() {
        FederationCommand.running(federation);
        DisplayTable table = new DisplayTable();
        table.column("Hub");
        table.column("Alive");
        table.column("Last heard");
        table.column("Shares").alignRight();
        table.column("Known here").alignRight();
        table.column("Lag").alignRight();
        for (HubInfo hub : federation.hubs()) {
            table.addRow().addContent(hub.id(), hub.alive() ? "yes" : hub.stopped() ? "stopped" : "NO",
                    ago(hub.lastHeard()), hub.sharedThings(), hub.thingsHere(), hub.lagMillis() < 0 ? ""
                            : hub.lagMillis() + " ms");
        }
        table.print(System.out);
        return null;
    }

    private static String ago(Instant when) {
        return when == null ? "never" : Duration.between(when, Instant.now()).toSeconds() + " s ago";
    }
}
