package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingUID;

/** Removes a discovered device; discovery may offer it again. */
@Command(scope = "cityhub", name = "inbox-remove", description = "Removes a discovered device from the inbox;"
        + " a later scan may offer it again")
@Service
public class InboxRemoveCommand extends InboxEntryCommand {

    @Override
    String decide(ThingUID thingUID) throws ThingChangeException {
        inbox.remove(thingUID);
        return "removed " + thingUID + " from the inbox";
    }
}
