package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingUID;

/** Removes a managed thing; its handler stops and its states are forgotten. */
@Command(scope = "cityhub", name = "thing-remove", description = "Removes a managed thing; its handler stops and its states are forgotten")
@Service
public class ThingRemoveCommand extends ThingChangeCommand {

    @Override
    void change(ThingUID thingUID) throws ThingChangeException {
        managed.remove(thingUID);
    }

    @Override
    String done() {
        return "removed";
    }
}
