package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.federation.FederationState;
import org.cityhub.api.federation.FederationStatus;
import org.eclipse.jdt.annotation.Nullable;

/** This hub's side of the federation: its id, Kafka, where it stands, what waits and what came in. */
@Command(scope = "cityhub", name = "federation", description = "Shows this hub in its federation: its id, the"
        + " Kafka cluster, whether it runs and why not, records waiting for Kafka, sent, dropped and received")
@Service
public class FederationCommand implements Action {

    @Reference(optional = true)
    private FederationStatus federation;

    @Override
    public Object execute() {
        FederationState state = running(federation).state();
        System.out.println("Hub:       " + state.hubId());
        System.out.println("Kafka:     " + state.bootstrapServers() + ", topics " + state.topicPrefix() + ".*");
        System.out.println("State:     " + state.phase() + (state.trouble() == null ? "" : " — " + state.trouble()));
        System.out.println("Shares:    " + state.sharedThings() + " things");
        System.out.println("Waiting:   " + state.waiting() + " records not yet acknowledged by Kafka");
        System.out.println("Sent:      " + state.sent() + " records since the start");
        System.out.println("Dropped:   " + state.dropped() + " records (more waited than bufferRecords)");
        System.out.println("Received:  " + state.received() + " records, " + state.unreadable() + " of them unreadable");
        return null;
    }

    static FederationStatus running(@Nullable FederationStatus federation) {
        if (federation == null) {
            throw new IllegalStateException("federation is off: write etc/org.cityhub.federation.cfg (hubId,"
                    + " bootstrapServers) to join hubs through Kafka; see docs/federation.md");
        }
        return federation;
    }
}
