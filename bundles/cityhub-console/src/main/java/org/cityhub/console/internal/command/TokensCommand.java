package org.cityhub.console.internal.command;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.admin.TokenService;
import org.cityhub.json.AdminJson;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Lists the API tokens, never their secrets. */
@Command(scope = "cityhub", name = "tokens", description = "Lists the REST API tokens with role, departments and"
        + " expiry (never their secrets)")
@Service
public class TokensCommand implements Action {

    @Option(name = "--json", description = "Print JSON for scripts (the REST shape) instead of a table")
    boolean json;

    @Reference
    private TokenService tokens;

    @Override
    public Object execute() {
        if (json) {
            ArrayNode array = Json.array();
            tokens.list().forEach(token -> array.add(AdminJson.token(token)));
            System.out.println(Json.toText(array));
            return null;
        }
        DisplayTable table = new DisplayTable();
        table.column("Name");
        table.column("Role");
        table.column("Departments / households");
        table.column("Created");
        table.column("Expires");
        table.column("By");
        Instant now = Instant.now();
        for (TokenInfo token : tokens.list()) {
            Instant expires = token.expires();
            table.addRow().addContent(token.name(), token.role().id(), token.isResident()
                    ? "households " + String.join(",", token.households()) : token.scope(), token.created(),
                    expires == null ? "never" : expires + (token.expiredAt(now) ? " (expired)" : ""), token.createdBy());
        }
        table.print(System.out);
        return null;
    }
}
