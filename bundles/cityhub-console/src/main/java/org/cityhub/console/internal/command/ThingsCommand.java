package org.cityhub.console.internal.command;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.federation.HubIds;
import org.cityhub.api.thing.BoundingBox;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingPage;
import org.cityhub.api.thing.ThingQuery;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.i18n.HubLanguage;
import org.cityhub.api.i18n.Labels;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.sharing.Grants;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.json.Json;
import org.cityhub.json.StatusLabels;
import org.cityhub.json.ThingJson;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Lists the things as a table, filtered as {@code GET /api/things} filters them. */
@Command(scope = "cityhub", name = "things", description = "Lists things with their owner (department or"
        + " household), status and, for other hubs' things, their hub;"
        + " the options filter, --problems shows what is wrong with the thing files")
@Service
public class ThingsCommand implements Action {

    private static final String LOCAL = "local";

    @Option(name = "--department", aliases = "-d", description = "Only things of this department")
    @Completion(DepartmentCompleter.class)
    String department;

    @Option(name = "--seen-by", description = "Only things these departments (comma-separated) see: their own and"
            + " those granted to them")
    @Completion(DepartmentCompleter.class)
    String seenBy;

    @Option(name = "--household", description = "Only things of this household")
    String household;

    @Option(name = "--binding", description = "Only things of this binding")
    @Completion(BindingIdCompleter.class)
    String binding;

    @Option(name = "--type", description = "Only things of this thing type, binding:type")
    @Completion(ThingTypeCompleter.class)
    String type;

    @Option(name = "--status", aliases = "-s", description = "Only things with this status, e.g. OFFLINE")
    String status;

    @Option(name = "--tag", description = "Only things with this tag")
    String tag;

    @Option(name = "--hub", description = "Only things of this hub (federation); 'local' for this hub's own")
    String hub;

    @Option(name = "--bbox", description = "Only things inside minLon,minLat,maxLon,maxLat")
    String bbox;

    @Option(name = "--limit", description = "How many things to show at most (default 1000)")
    int limit = 1_000;

    @Option(name = "--offset", description = "How many matching things to skip, for the next page (default 0)")
    int offset;

    @Option(name = "--problems", description = "Show the problems of the thing files instead")
    boolean problems;

    @Option(name = "--json", description = "Print JSON for scripts (the REST shape) instead of a table")
    boolean json;

    @Reference
    private ThingRegistry things;

    @Reference
    private Grants grants;

    @Reference
    private HubLanguage language;

    private List<Locale.LanguageRange> wanted;

    @Override
    public Object execute() {
        if (problems) {
            printProblems();
            return null;
        }
        ThingQuery query = new ThingQuery(department, binding, type == null ? null : ThingTypeUID.parse(type),
                status == null ? null : status(status), tag, bbox == null ? null : BoundingBox.parse(bbox));
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("--offset must be at least 0 and --limit at least 1");
        }
        Predicate<Thing> seen = seenBy == null ? ThingRegistry.EVERY_THING
                : grants.audience(DepartmentScope.parse(seenBy))::sees;
        Predicate<Thing> visible = household == null ? seen
                : seen.and(thing -> household.equals(thing.household()));
        if (hub != null) {
            visible = visible.and(thing -> hubOf(thing).orElse(LOCAL).equals(hub));
        }
        ThingPage page = things.find(query, visible, offset, limit);
        List<Thing> matching = page.things();
        if (json) {
            ArrayNode array = Json.array();
            matching.forEach(thing -> array.add(ThingJson.thingWithStatus(thing, things)));
            System.out.println(Json.toText(array));
            return null;
        }
        DisplayTable table = new DisplayTable();
        table.column("UID");
        table.column("Label");
        table.column("Owner");
        table.column("Status");
        boolean federated = matching.stream().anyMatch(thing -> hubOf(thing).isPresent());
        if (federated) {
            table.column("Hub");
        }
        matching.forEach(thing -> {
            DisplayTable.Row row = table.addRow();
            row.addContent(thing.uid(), label(thing), owner(thing), status(thing));
            if (federated) {
                row.addContent(hubOf(thing).orElse(LOCAL));
            }
        });
        table.print(System.out);
        if (offset + matching.size() < page.total()) {
            System.out.println(String.format(Locale.ROOT, "%,d to %,d of %,d; --offset %d for the next page",
                    offset + 1, offset + matching.size(), page.total(), offset + matching.size()));
        }
        return null;
    }

    /** The hub a thing of another hub comes from; empty for this hub's own. */
    private Optional<String> hubOf(Thing thing) {
        return things.getSource(thing.uid()).flatMap(HubIds::hubOf);
    }

    private void printProblems() {
        DisplayTable table = new DisplayTable();
        table.column("File");
        table.column("Line");
        table.column("Problem");
        things.getProblems().forEach(p -> table.addRow().addContent(p.file(), p.line(), p.message()));
        table.print(System.out);
    }

    /** The status by name, after its name in the hub's language when that is not English ("在线 ONLINE"). */
    private String status(Thing thing) {
        ThingStatusInfo info = things.getStatus(thing.uid());
        String status = translated(StatusLabels.of(info.status()), info.status().name());
        return info.detail() == ThingStatusDetail.NONE ? status
                : status + " / " + translated(StatusLabels.of(info.detail()), info.detail().name());
    }

    private String translated(Labels labels, String name) {
        List<Locale.LanguageRange> wanted = wanted();
        return labels.language(wanted).filter(tag -> !tag.startsWith("en")).map(tag -> labels.pick(wanted, name)
                + " " + name).orElse(name);
    }

    /** The thing's label in the hub's language. */
    private String label(Thing thing) {
        return thing.labels().pick(wanted(), thing.label());
    }

    /** The hub's language as ranges, read once per command: a table of a thousand rows asks for it in each. */
    private List<Locale.LanguageRange> wanted() {
        if (wanted == null) {
            wanted = Locale.LanguageRange.parse(language.defaultLanguage());
        }
        return wanted;
    }

    private static ThingStatus status(String text) {
        try {
            return ThingStatus.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--status '" + text + "' is not one of "
                    + Arrays.toString(ThingStatus.values()));
        }
    }

    private static String owner(Thing thing) {
        if (thing.household() != null) {
            return "household " + thing.household();
        }
        return thing.department() == null ? "" : thing.department();
    }
}
