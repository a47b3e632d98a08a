package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.cityhub.api.thing.ManagedThings;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingUID;

/** What remove, enable and disable share: one thing UID and one change to a managed thing. */
abstract class ThingChangeCommand extends AuditedAction {

    @Argument(index = 0, name = "uid", required = true, description = "The thing's UID")
    @Completion(ThingUidCompleter.class)
    String uid;

    @Reference
    ManagedThings managed;

    @Override
    Object run() {
        ThingUID thingUID = ThingUID.parse(uid);
        try {
            change(thingUID);
        } catch (ThingChangeException e) {
            throw ThingDefinitionCommand.refused(e);
        }
        System.out.println(done() + " " + thingUID);
        return null;
    }

    abstract void change(ThingUID thingUID) throws ThingChangeException;

    /** What was done, as a past participle. */
    abstract String done();

    @Override
    String auditTarget() {
        return uid;
    }
}
