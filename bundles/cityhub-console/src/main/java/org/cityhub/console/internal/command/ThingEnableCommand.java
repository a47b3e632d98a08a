package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingUID;

/** Enables a managed thing; its handler starts again. */
@Command(scope = "cityhub", name = "thing-enable", description = "Enables a managed thing; its handler starts again")
@Service
public class ThingEnableCommand extends ThingChangeCommand {

    @Override
    void change(ThingUID thingUID) throws ThingChangeException {
        managed.setEnabled(thingUID, true);
    }

    @Override
    String done() {
        return "enabled";
    }
}
