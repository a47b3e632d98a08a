package org.cityhub.console.internal.command;

import java.time.Duration;
import java.util.UUID;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.admin.IssuedToken;
import org.cityhub.api.admin.SignInTickets;
import org.cityhub.api.admin.TokenException;
import org.cityhub.api.admin.TokenService;
import org.cityhub.api.config.DurationText;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;

/**
 * A link that opens the web console signed in: a token with a short life, and a single-use ticket for it that the
 * page trades for the token within two minutes, so that the token itself is in no URL.
 */
@Command(scope = "cityhub", name = "ui-link", description = "Prints a link that opens the web console signed in (a"
        + " token of a few hours and a single-use ticket for it, good for two minutes), e.g. cityhub:ui-link"
        + " --role viewer --department water")
@Service
public class UiLinkCommand extends AuditedAction {

    @Option(name = "--role", aliases = "-r", description = "The role of the token behind the link (default admin)")
    String role = "admin";

    @Option(name = "--department", aliases = "-d", description = "Its departments, comma-separated, or * (default *)")
    String department = "*";

    @Option(name = "--expires", aliases = "-e", description = "How long the token works (default 8h)")
    String expires = "8h";

    @Option(name = "--base", description = "The hub's address as the browser reaches it (default"
            + " http://localhost:8181)")
    String base = "http://localhost:8181";

    @Reference
    private TokenService tokens;

    @Reference
    private SignInTickets tickets;

    @Override
    Object run() throws TokenException {
        Duration lifetime = DurationText.parse(expires);
        String name = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        IssuedToken issued = tokens.create(name, Role.parse(role), DepartmentScope.parse(department), lifetime,
                actor());
        System.out.println("token " + name + " (" + issued.info().role().id() + ", departments "
                + issued.info().scope() + ", expires " + issued.info().expires() + "); open within two minutes:");
        System.out.println(base.replaceAll("/+$", "") + "/ui/#ticket=" + tickets.issue(issued.secret()));
        return null;
    }

    @Override
    String auditTarget() {
        return "ui-link";
    }

    @Override
    String auditDetail() {
        return "role=" + role + " departments=" + department + " expires=" + expires;
    }
}
