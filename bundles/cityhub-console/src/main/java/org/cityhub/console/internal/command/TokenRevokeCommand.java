package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.admin.TokenException;
import org.cityhub.api.admin.TokenService;

/** Revokes an API token at once. */
@Command(scope = "cityhub", name = "token-revoke", description = "Revokes a REST API token: it stops working at once"
        + " and its open event streams close")
@Service
public class TokenRevokeCommand extends AuditedAction {

    @Argument(index = 0, name = "name", required = true, description = "The token's name")
    @Completion(TokenNameCompleter.class)
    String name;

    @Reference
    private TokenService tokens;

    @Override
    Object run() throws TokenException {
        tokens.revoke(name);
        System.out.println("revoked token " + name);
        return null;
    }

    @Override
    String auditTarget() {
        return name;
    }
}
