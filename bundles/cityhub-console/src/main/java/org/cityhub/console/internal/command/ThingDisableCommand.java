package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingUID;

/** Disables a managed thing; it keeps its definition but runs no handler. */
@Command(scope = "cityhub", name = "thing-disable", description = "Disables a managed thing; it keeps its definition but runs no handler")
@Service
public class ThingDisableCommand extends ThingChangeCommand {

    @Override
    void change(ThingUID thingUID) throws ThingChangeException {
        managed.setEnabled(thingUID, false);
    }

    @Override
    String done() {
        return "disabled";
    }
}
