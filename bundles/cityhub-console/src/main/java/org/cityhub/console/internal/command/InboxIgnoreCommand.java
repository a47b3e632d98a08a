package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingUID;

/** Keeps a discovered device out of the way, across restarts. */
@Command(scope = "cityhub", name = "inbox-ignore", description = "Ignores a discovered device: it stays out of"
        + " cityhub:inbox (see --all) and is not offered again")
@Service
public class InboxIgnoreCommand extends InboxEntryCommand {

    @Override
    String decide(ThingUID thingUID) throws ThingChangeException {
        inbox.ignore(thingUID);
        return "ignored " + thingUID;
    }
}
