package org.cityhub.console.internal.command;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.Grants;
import org.cityhub.api.sharing.Right;
import org.cityhub.api.sharing.Selection;
import org.cityhub.json.Json;
import org.cityhub.json.SharingJson;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Lists the grants between departments. */
@Command(scope = "cityhub", name = "grants", description = "Lists the grants between departments: who shares what"
        + " with whom, why, and until when; --active for those in force only")
@Service
public class GrantsCommand implements Action {

    @Option(name = "--owner", aliases = "-o", description = "Only grants given by this department")
    @Completion(DepartmentCompleter.class)
    String owner;

    @Option(name = "--grantee", aliases = "-g", description = "Only grants received by this department")
    @Completion(DepartmentCompleter.class)
    String grantee;

    @Option(name = "--active", aliases = "-a", description = "Only grants in force now")
    boolean active;

    @Option(name = "--json", description = "Print JSON for scripts (the REST shape) instead of a table")
    boolean json;

    @Reference
    private Grants grants;

    @Override
    public Object execute() {
        Instant now = Instant.now();
        List<Grant> matching = grants.list().stream()
                .filter(grant -> owner == null || owner.equals(grant.owner().department())
                        || owner.equals(grant.owner().household()))
                .filter(grant -> grantee == null || grantee.equals(grant.grantee()))
                .filter(grant -> !active || grant.activeAt(now)).toList();
        if (json) {
            ArrayNode array = Json.array();
            matching.forEach(grant -> array.add(SharingJson.grant(grant, now)));
            System.out.println(Json.toText(array));
            return null;
        }
        DisplayTable table = new DisplayTable();
        for (String column : List.of("Id", "Owner", "Grantee", "Rights", "Selects", "Purpose", "Until", "By")) {
            table.column(column);
        }
        for (Grant grant : matching) {
            table.addRow().addContent(grant.id(), grant.owner(), grant.grantee(),
                    String.join("+", grant.rights().stream().map(Right::id).toList()), selects(grant.selection()),
                    grant.purpose(), until(grant, now), grant.createdBy());
        }
        table.print(System.out);
        return null;
    }

    private static String selects(Selection selection) {
        StringBuilder text = new StringBuilder();
        append(text, "things", selection.things());
        append(text, "channels", selection.channels());
        append(text, "tags", selection.tags());
        append(text, "types", selection.thingTypes());
        return text.toString();
    }

    private static void append(StringBuilder text, String name, Set<?> values) {
        if (!values.isEmpty()) {
            text.append(text.length() == 0 ? "" : " ").append(name).append('=')
                    .append(String.join(",", values.stream().map(Object::toString).toList()));
        }
    }

    private static String until(Grant grant, Instant now) {
        if (grant.revoked() != null) {
            return "revoked " + grant.revoked() + " by " + grant.revokedBy();
        }
        Instant expires = grant.expires();
        if (expires == null) {
            return "until revoked";
        }
        return expires + (grant.activeAt(now) ? "" : " (expired)");
    }
}
