package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.thing.InputErrors;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.json.Json;
import org.cityhub.json.ThingJson;

/** Shows one thing: its definition, where it is defined, its status with the reason, its channel states. */
@Command(scope = "cityhub", name = "thing", description = "Shows one thing: definition, source, status and why,"
        + " channel states")
@Service
public class ThingCommand implements Action {

    @Argument(index = 0, name = "uid", required = true, description = "The thing's UID")
    @Completion(ThingUidCompleter.class)
    String uid;

    @Option(name = "--json", description = "Print JSON for scripts (the REST shape) instead of text")
    boolean json;

    @Reference
    private ThingRegistry things;

    @Override
    public Object execute() {
        ThingUID thingUID = ThingUID.parse(uid);
        Thing thing = things.get(thingUID).orElseThrow(() -> new IllegalArgumentException("no thing " + thingUID
                + "; cityhub:things lists them"));
        ThingStatusInfo status = things.getStatus(thingUID);
        if (json) {
            System.out.println(Json.toText(ThingJson.thingWithStatus(thing, things)));
            return null;
        }
        System.out.println("UID           " + thing.uid());
        System.out.println("Label         " + thing.label());
        System.out.println("Source        " + things.getSource(thingUID).orElse(""));
        System.out.println("Department    " + (thing.department() == null ? "" : thing.department()));
        System.out.println("Location      " + (thing.location() == null ? "" : thing.location().lat() + "," + thing.location().lon()));
        System.out.println("Bridge        " + (thing.bridgeUID() == null ? "" : thing.bridgeUID()));
        System.out.println("Tags          " + String.join(", ", thing.tags()));
        System.out.println("Configuration " + thing.configuration());
        System.out.println("Status        " + status.status() + " / " + status.detail()
                + (status.message() == null ? "" : " - " + status.message()));
        InputErrors errors = things.getInputErrors(thingUID);
        System.out.println("Input errors  " + errors.count() + (errors.count() == 0 ? ""
                : " " + errors.byChannel() + ", last at " + errors.lastAt() + ": " + errors.lastReason()));
        DisplayTable table = new DisplayTable();
        table.column("Channel");
        table.column("State");
        table.column("Updated");
        things.getStates(thingUID).forEach((channel, state) -> table.addRow().addContent(channel, state.state(),
                state.updated() == null ? "" : state.updated()));
        table.print(System.out);
        return null;
    }
}
