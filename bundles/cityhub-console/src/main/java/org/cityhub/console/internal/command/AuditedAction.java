package org.cityhub.console.internal.command;

import java.security.AccessController;
import java.security.Principal;
import java.time.Instant;

import javax.security.auth.Subject;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.cityhub.api.admin.AuditEntry;
import org.cityhub.api.admin.AuditLog;

/**
 * A command that changes the hub: what it did, or why it could not, goes to the audit trail with the console
 * user who typed it, like the changes asked through the REST API.
 */
abstract class AuditedAction implements Action {

    @Reference
    AuditLog audit;

    @Override
    public final Object execute() throws Exception {
        try {
            Object result = run();
            record("ok");
            return result;
        } catch (Exception e) {
            record("failed: " + e.getMessage());
            throw e;
        }
    }

    /** Carries the command out. */
    abstract Object run() throws Exception;

    /** What the command acts on: a thing or channel UID, a binding, a token, a file. */
    abstract String auditTarget();

    /** What was asked beyond the target, e.g. the command sent; empty if nothing. */
    String auditDetail() {
        return "";
    }

    private void record(String outcome) {
        Command command = getClass().getAnnotation(Command.class);
        audit.record(new AuditEntry(Instant.now(), actor(), "console",
                command.scope() + ":" + command.name(), auditTarget(), auditDetail(), outcome));
    }

    /** The logged-in console user as the audit trail names actors: Karaf runs each command as its JAAS subject. */
    @SuppressWarnings("removal")
    static String actor() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        String user = subject == null ? "unknown" : subject.getPrincipals().stream()
                .filter(p -> p.getClass().getSimpleName().equals("UserPrincipal")).map(Principal::getName).findFirst()
                .orElse("unknown");
        return "console:" + user;
    }

    /**
     * Refuses, unless the console user has Karaf's admin role: for what the command ACLs cannot tell apart by
     * command name, such as a household's consent recorded by {@code grant}, which admins alone record.
     */
    @SuppressWarnings("removal")
    static void requireAdmin(String what) {
        Subject subject = Subject.getSubject(AccessController.getContext());
        boolean admin = subject != null && subject.getPrincipals().stream()
                .anyMatch(p -> p.getClass().getSimpleName().equals("RolePrincipal") && p.getName().equals("admin"));
        if (!admin) {
            throw new IllegalStateException(what + " is for console users with the admin role, acting on the"
                    + " resident's written request");
        }
    }
}
