package org.cityhub.console.internal.command;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.home.Household;
import org.cityhub.api.home.Households;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.json.HomeJson;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Lists the households with their office, district and how many things each owns. */
@Command(scope = "cityhub", name = "households", description = "Lists the households (homes): id, label, district,"
        + " community office, address and the number of things each owns")
@Service
public class HouseholdsCommand implements Action {

    @Option(name = "--district", description = "Only households of this district")
    String district;

    @Option(name = "--office", description = "Only households this community office keeps")
    String office;

    @Option(name = "--json", description = "Print JSON for scripts (the REST shape) instead of a table")
    boolean json;

    @Reference
    private Households households;

    @Reference
    private ThingRegistry things;

    @Override
    public Object execute() {
        List<Household> matching = households.list().stream()
                .filter(household -> district == null || district.equals(household.district()))
                .filter(household -> office == null || office.equals(household.office())).toList();
        if (json) {
            ArrayNode array = Json.array();
            matching.forEach(household -> array.add(HomeJson.household(household)));
            System.out.println(Json.toText(array));
            return null;
        }
        DisplayTable table = new DisplayTable();
        for (String column : List.of("Id", "Label", "District", "Office", "Things", "Address")) {
            table.column(column);
        }
        // one pass over the things for every household, not one per household
        Map<String, Long> owned = things.getAll().stream().filter(thing -> thing.household() != null)
                .collect(Collectors.groupingBy(Thing::household, Collectors.counting()));
        for (Household household : matching) {
            table.addRow().addContent(household.id(), household.label(), household.district(), household.office(),
                    owned.getOrDefault(household.id(), 0L), household.address());
        }
        table.print(System.out);
        return null;
    }
}
