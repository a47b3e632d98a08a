package org.cityhub.console.internal.command;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.json.Json;
import org.cityhub.json.StateJson;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The channel states of one thing, or of every thing of a department. */
@Command(scope = "cityhub", name = "states", description = "Shows channel states with the time each was set:"
        + " of one thing, or of every thing (of a department)")
@Service
public class StatesCommand implements Action {

    @Argument(index = 0, name = "uid", description = "A thing's UID; without it, every thing's states")
    @Completion(ThingUidCompleter.class)
    String uid;

    @Option(name = "--department", aliases = "-d", description = "Only things of this department")
    @Completion(DepartmentCompleter.class)
    String department;

    @Option(name = "--json", description = "Print JSON for scripts: thing UID → channel → state")
    boolean json;

    @Reference
    private ThingRegistry things;

    private Thing one(ThingUID thingUID) {
        return things.get(thingUID).orElseThrow(() -> new IllegalArgumentException("no thing " + thingUID
                + "; cityhub:things lists them"));
    }

    @Override
    public Object execute() {
        List<Thing> selected = (uid == null ? things.getAll().stream() : Stream.of(one(ThingUID.parse(uid))))
                .filter(thing -> department == null || department.equals(thing.department()))
                .sorted(Comparator.comparing(thing -> thing.uid().toString())).toList();
        if (json) {
            ObjectNode node = Json.object();
            for (Thing thing : selected) {
                ObjectNode channels = node.putObject(thing.uid().toString());
                things.getStates(thing.uid()).forEach((channel, state) -> channels.set(channel,
                        StateJson.state(state.state(), state.updated())));
            }
            System.out.println(Json.toText(node));
            return null;
        }
        DisplayTable table = new DisplayTable();
        table.column("Thing");
        table.column("Channel");
        table.column("State");
        table.column("Updated");
        for (Thing thing : selected) {
            things.getStates(thing.uid()).forEach((channel, state) -> table.addRow().addContent(thing.uid(), channel,
                    state.state(), state.updated() == null ? "" : state.updated()));
        }
        table.print(System.out);
        return null;
    }
}
