package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingUID;

/** Makes a discovered device a managed thing. */
@Command(scope = "cityhub", name = "inbox-approve", description = "Makes a discovered device a managed thing,"
        + " optionally with another id and label (options before the UID)")
@Service
public class InboxApproveCommand extends InboxEntryCommand {

    @Option(name = "--id", description = "Another thing id than the discovered one")
    String id;

    @Option(name = "--label", aliases = "-l", description = "Another label than the discovered one")
    String label;

    @Override
    String decide(ThingUID thingUID) throws ThingChangeException {
        Thing thing = inbox.approve(thingUID, id, label);
        return "approved " + thingUID + " as " + thing.uid();
    }
}
