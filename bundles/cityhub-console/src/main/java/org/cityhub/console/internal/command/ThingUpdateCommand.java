package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingUID;

/** Changes a managed thing: the options given replace those fields; configuration values are merged. */
@Command(scope = "cityhub", name = "thing-update", description = "Changes a managed thing: each option given replaces"
        + " that field, --config values are merged into the configuration")
@Service
public class ThingUpdateCommand extends ThingDefinitionCommand {

    @Argument(index = 0, name = "uid", required = true, description = "The thing's UID")
    @Completion(ThingUidCompleter.class)
    String uid;

    @Reference
    private ThingRegistry things;

    @Override
    Object run() {
        ThingUID thingUID = ThingUID.parse(uid);
        Thing current = things.get(thingUID).orElseThrow(() -> new IllegalArgumentException("no thing " + thingUID));
        try {
            managed.update(definition(thingUID, current));
            System.out.println("updated " + thingUID);
        } catch (ThingChangeException e) {
            throw refused(e);
        }
        return null;
    }

    @Override
    String auditTarget() {
        return uid;
    }
}
