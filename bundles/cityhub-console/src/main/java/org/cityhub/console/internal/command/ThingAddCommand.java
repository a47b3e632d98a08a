package org.cityhub.console.internal.command;

import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingUID;

/** Creates a managed thing. */
@Command(scope = "cityhub", name = "thing-add", description = "Creates a managed thing (options go before the"
        + " arguments), e.g. cityhub:thing-add -d public-lighting -c intervalSeconds=10 simulator:streetlight:pier-1"
        + " \"Pier light\"")
@Service
public class ThingAddCommand extends ThingDefinitionCommand {

    @Argument(index = 0, name = "uid", required = true, description = "The new thing's UID, binding:type:id")
    String uid;

    @Argument(index = 1, name = "label", required = true, description = "A name for people")
    String name;

    @Override
    Object run() {
        ThingUID thingUID = ThingUID.parse(uid);
        try {
            Thing thing = managed.add(definition(thingUID, Thing.of(thingUID, name, Map.of())));
            System.out.println("added " + thing.uid());
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
