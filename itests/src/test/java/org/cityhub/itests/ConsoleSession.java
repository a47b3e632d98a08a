package org.cityhub.itests;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/**
 * Runs console commands as the admin types them, and returns what they printed. The command runs as the admin's
 * JAAS subject, as in an SSH session: Karaf's command ACLs hide admin-only commands (bundle:install, ...) from
 * anyone else, and the audit trail names the admin.
 */
final class ConsoleSession {

    private static final Subject ADMIN = new Subject(true,
            Set.of(new UserPrincipal("admin"), new RolePrincipal("admin"), new RolePrincipal("manager"),
                    new RolePrincipal("viewer"), new RolePrincipal("systembundles"), new RolePrincipal("ssh")),
            Set.of(), Set.of());

    private ConsoleSession() {
    }

    /** What the command printed; a command that fails prints {@code Error: <message>}, as the console shows it. */
    static String execute(SessionFactory sessions, String command) throws Exception {
        return execute(sessions, ADMIN, command);
    }

    /** What the command printed when a console user with only these roles runs it. */
    static String executeWithRoles(SessionFactory sessions, String user, List<String> roles, String command)
            throws Exception {
        Set<Principal> principals = new HashSet<>();
        principals.add(new UserPrincipal(user));
        roles.forEach(role -> principals.add(new RolePrincipal(role)));
        return execute(sessions, new Subject(true, principals, Set.of(), Set.of()), command);
    }

    private static String execute(SessionFactory sessions, Subject subject, String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(System.in, out, out);
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (PrivilegedActionException e) {
            out.println("Error: " + e.getException().getMessage());
        } catch (Exception e) {
            out.println("Error: " + e.getMessage());
        } finally {
            session.close();
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
