package org.cityhub.console.internal.command;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.admin.IssuedToken;
import org.cityhub.api.security.Role;
import org.cityhub.api.admin.TokenException;
import org.cityhub.api.admin.TokenService;
import org.cityhub.api.config.DurationText;

/** Creates an API token and prints its secret, once, as the last line. */
@Command(scope = "cityhub", name = "token-create", description = "Creates a REST API token (options go before the"
        + " name) and prints it as the last line, the only time it is shown, e.g. cityhub:token-create --role operator"
        + " --department transport --expires 90d bus-office")
@Service
public class TokenCreateCommand extends AuditedAction {

    @Option(name = "--role", aliases = "-r", required = true,
            description = "resident (a home's things, with --household), viewer (read), operator (+ commands),"
                    + " integrator (+ things), admin (everything)")
    @Completion(value = StringsCompleter.class, values = { "resident", "viewer", "operator", "integrator", "admin" })
    String role;

    @Option(name = "--department", aliases = "-d",
            description = "The departments the token sees, comma-separated, or * for all (admin tokens: always *)")
    @Completion(DepartmentCompleter.class)
    String department;

    @Option(name = "--household", description = "For a resident: the households whose things it sees,"
            + " comma-separated")
    String household;

    @Option(name = "--expires", aliases = "-e", description = "How long the token works: 90s, 15m, 12h, 30d or"
            + " ISO-8601 (P30D); default: until revoked")
    String expires;

    @Argument(index = 0, name = "name", required = true, description = "The token's unique name, e.g. bus-office")
    String name;

    @Reference
    private TokenService tokens;

    @Override
    Object run() throws TokenException {
        Role parsedRole = Role.parse(role);
        Duration lifetime = expires == null ? null : DurationText.parse(expires);
        if (parsedRole == Role.RESIDENT || household != null) {
            return createResident(parsedRole, lifetime);
        }
        if (department == null && parsedRole != Role.ADMIN) {
            throw new IllegalArgumentException("a " + parsedRole.id() + " token needs --department: a department,"
                    + " a comma-separated list, or * for all");
        }
        DepartmentScope scope = department == null ? DepartmentScope.ALL : DepartmentScope.parse(department);
        IssuedToken issued = tokens.create(name, parsedRole, scope, lifetime, actor());
        show(issued, "departments " + issued.info().scope());
        return null;
    }

    private Object createResident(Role parsedRole, Duration lifetime) throws TokenException {
        if (parsedRole != Role.RESIDENT || household == null || department != null) {
            throw new IllegalArgumentException("a resident's token takes --household (and no --department); only"
                    + " residents' tokens take --household");
        }
        Set<String> households = new TreeSet<>();
        Arrays.stream(household.split(",")).map(String::trim).filter(id -> !id.isEmpty()).forEach(households::add);
        IssuedToken issued = tokens.createResident(name, households, lifetime, actor());
        show(issued, "households " + String.join(",", issued.info().households()));
        return null;
    }

    private void show(IssuedToken issued, String reach) {
        System.out.println("created token " + name + ": role " + issued.info().role().id() + ", " + reach
                + (issued.info().expires() == null ? ", no expiry" : ", expires " + issued.info().expires()));
        System.out.println("it is shown only now; clients send it as 'Authorization: Bearer <token>':");
        System.out.println(issued.secret());
    }

    @Override
    String auditTarget() {
        return name;
    }

    @Override
    String auditDetail() {
        return "role=" + role + (household != null ? " households=" + household
                : " departments=" + (department == null ? "*" : department))
                + (expires == null ? "" : " expires=" + expires);
    }
}
