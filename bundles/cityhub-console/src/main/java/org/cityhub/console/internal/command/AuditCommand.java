package org.cityhub.console.internal.command;

import java.time.Duration;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.admin.AuditEntry;
import org.cityhub.api.admin.AuditLog;
import org.cityhub.api.admin.AuditQuery;
import org.cityhub.api.config.DurationText;
import org.cityhub.json.AdminJson;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Shows the audit trail, filtered. */
@Command(scope = "cityhub", name = "audit", description = "Shows the audit trail (commands, thing, binding and token"
        + " changes from REST and the console), newest last, e.g. cityhub:audit --since 1h --actor token:bus-office")
@Service
public class AuditCommand implements Action {

    @Option(name = "--since", aliases = "-s", description = "Only entries of this last while (15m, 12h, 7d) or since"
            + " an ISO-8601 instant")
    String since;

    @Option(name = "--actor", aliases = "-u", description = "Only entries whose actor contains this, e.g. token:ops or"
            + " console:admin")
    String actor;

    @Option(name = "--action", aliases = "-a", description = "Only entries whose action contains this, e.g. command"
            + " or cityhub:send")
    String action;

    @Option(name = "--target", aliases = "-t", description = "Only entries whose target contains this, e.g. a thing UID")
    String target;

    @Option(name = "--limit", aliases = "-n", description = "At most this many entries, the newest (default 50)")
    int limit = 50;

    @Option(name = "--json", description = "Print JSON for scripts (the REST shape) instead of a table")
    boolean json;

    @Reference
    private AuditLog audit;

    @Override
    public Object execute() {
        AuditQuery query = new AuditQuery(since(), actor, action, target, limit);
        if (json) {
            ArrayNode array = Json.array();
            audit.query(query).forEach(entry -> array.add(AdminJson.auditEntry(entry)));
            System.out.println(Json.toText(array));
            return null;
        }
        DisplayTable table = new DisplayTable();
        for (String column : new String[] { "Time", "Actor", "From", "Action", "Target", "Detail", "Outcome" }) {
            table.column(column);
        }
        for (AuditEntry entry : audit.query(query)) {
            table.addRow().addContent(entry.time(), entry.actor(), entry.source(), entry.action(), entry.target(),
                    entry.detail(), entry.outcome());
        }
        table.print(System.out);
        return null;
    }

    private Instant since() {
        if (since == null) {
            return null;
        }
        if (since.matches("\\d{4}-.*")) {
            try {
                return Instant.parse(since);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("--since '" + since + "' is neither a duration (15m, 12h, 7d) nor"
                        + " an ISO-8601 instant like 2026-11-25T08:00:00Z");
            }
        }
        Duration back = DurationText.parse(since);
        return Instant.now().minus(back);
    }
}
