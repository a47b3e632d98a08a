package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.cityhub.api.discovery.Inbox;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingUID;

/** What approve, ignore and remove share: one inbox entry and one decision about it. */
abstract class InboxEntryCommand extends AuditedAction {

    @Argument(index = 0, name = "uid", required = true, description = "The discovered thing's UID")
    @Completion(InboxUidCompleter.class)
    String uid;

    @Reference
    Inbox inbox;

    @Override
    Object run() {
        try {
            System.out.println(decide(ThingUID.parse(uid)));
        } catch (ThingChangeException e) {
            throw ThingDefinitionCommand.refused(e);
        }
        return null;
    }

    /** Decides about the entry and says what was done. */
    abstract String decide(ThingUID thingUID) throws ThingChangeException;

    @Override
    String auditTarget() {
        return uid;
    }
}
