package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.home.Households;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingUID;

/** Makes a discovered device a managed thing. */
@Command(scope = "cityhub", name = "inbox-approve", description = "Makes a discovered device a managed thing,"
        + " optionally with another id and label, or a home's device as its household's (--household, admins),"
        + " options before the UID")
@Service
public class InboxApproveCommand extends InboxEntryCommand {

    @Option(name = "--id", description = "Another thing id than the discovered one")
    String id;

    @Option(name = "--label", aliases = "-l", description = "Another label than the discovered one")
    String label;

    @Option(name = "--household", description = "The household that owns the device (admins only): a home's device")
    String household;

    @Reference
    private Households households;

    @Override
    String decide(ThingUID thingUID) throws ThingChangeException {
        if (household != null) {
            requireAdmin("giving a device to a household");
            if (households.get(household).isEmpty()) {
                throw new IllegalArgumentException("no household '" + household + "': make it first with"
                        + " cityhub:household-put");
            }
        }
        Thing thing = inbox.approve(thingUID, id, label, household);
        return "approved " + thingUID + " as " + thing.uid();
    }
}
