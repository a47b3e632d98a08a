package org.cityhub.rest.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.admin.AuditLog;
import org.cityhub.api.admin.AuditQuery;
import org.cityhub.api.security.Role;
import org.cityhub.json.AdminJson;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** {@code /api/audit}: who changed what, when and from where; for admins. */
final class AuditResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;

    private final AuditLog audit;

    AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/audit", Access.hub(Role.ADMIN), "The audit trail, newest last, filtered",
                this::query).query("since", "actor", "action", "target", "limit"));
    }

    private void query(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        AuditQuery query = new AuditQuery(since(request), request.getParameter("actor"), request.getParameter("action"),
                request.getParameter("target"), limit(request));
        ArrayNode body = Json.array();
        audit.query(query).forEach(entry -> body.add(AdminJson.auditEntry(entry)));
        JsonBodies.write(response, 200, body);
    }

    private static Instant since(HttpServletRequest request) throws ProblemException {
        String since = request.getParameter("since");
        try {
            return since == null ? null : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("since must be an ISO-8601 instant like 2026-11-25T08:00:00Z, was '"
                    + since + "'");
        }
    }

    private static int limit(HttpServletRequest request) throws ProblemException {
        String limit = request.getParameter("limit");
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", was '" + limit + "'");
    }
}
