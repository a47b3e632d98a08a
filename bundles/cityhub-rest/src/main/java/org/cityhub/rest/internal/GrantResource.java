package org.cityhub.rest.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.GrantDraft;
import org.cityhub.api.sharing.GrantException;
import org.cityhub.api.sharing.GrantOwner;
import org.cityhub.api.sharing.Grants;
import org.cityhub.json.Json;
import org.cityhub.json.SharingJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * {@code /grants}: what departments share. A token sees the grants its departments gave or received; its
 * integrators and admins make and revoke the grants of what their departments own, and an admin any.
 */
final class GrantResource {

    private final Grants grants;
    private final Clock clock;

    GrantResource(Grants grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
    }

    List<Route> routes() {
        Access viewer = Access.department(Role.VIEWER).orResident();
        Access integrator = Access.department(Role.INTEGRATOR).orResident();
        return List.of(
                Route.of("GET", "/grants", viewer, "The grants the token's departments (or a resident's households)"
                        + " gave or received, in force and ended", this::list).query("owner", "grantee", "active"),
                Route.of("POST", "/grants", integrator, "Grant another department read (or read and command) on a"
                        + " selection of the token's department's things; a resident's consent for its household's",
                        this::create).body("Grant"),
                Route.of("GET", "/grants/{id}", viewer, "One grant", this::get),
                Route.of("DELETE", "/grants/{id}", integrator, "Revoke a grant, at once on every surface (open event"
                        + " streams included); it is kept, marked revoked", this::revoke));
    }

    private void list(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        Caller caller = Caller.of(request);
        String owner = request.getParameter("owner");
        String grantee = request.getParameter("grantee");
        Boolean active = activeParameter(request);
        Instant now = clock.instant();
        ArrayNode body = Json.array();
        grants.list().stream().filter(grant -> concerns(caller, grant))
                .filter(grant -> owner == null || owner.equals(grant.owner().department())
                        || owner.equals(grant.owner().household()))
                .filter(grant -> grantee == null || grantee.equals(grant.grantee()))
                .filter(grant -> active == null || grant.activeAt(now) == active)
                .forEach(grant -> body.add(SharingJson.grant(grant, now)));
        JsonBodies.write(response, 200, body);
    }

    private void get(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonBodies.write(response, 200, SharingJson.grant(visible(request, parameters.get("id")), clock.instant()));
    }

    private void create(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonNode body = JsonBodies.read(request);
        GrantDraft draft = ProblemException.parsing(() -> SharingJson.parseDraft(body));
        Caller caller = Caller.of(request);
        mayGive(caller, draft.owner());
        Caller.noteForAudit(request, draft.owner() + " grants " + draft.grantee() + " " + draft.rights() + " on "
                + draft.selection() + " for '" + draft.purpose() + "'");
        Grant grant;
        try {
            grant = grants.create(draft, caller.actor());
        } catch (GrantException e) {
            throw ProblemException.refused(e.reason(), e.getMessage());
        }
        response.setHeader("Location", request.getRequestURI() + "/" + grant.id());
        JsonBodies.write(response, 201, SharingJson.grant(grant, clock.instant()));
    }

    private void revoke(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        Grant grant = visible(request, parameters.get("id"));
        Caller caller = Caller.of(request);
        if (!gives(caller, grant.owner())) {
            throw ProblemException.forbidden("only " + grant.owner() + ", which gave grant '" + grant.id()
                    + "', revokes it; token '" + caller.token().name() + "' received it");
        }
        Caller.noteForAudit(request, grant.owner() + " revokes what it granted " + grant.grantee());
        Grant revoked;
        try {
            revoked = grants.revoke(grant.id(), caller.actor());
        } catch (GrantException e) {
            throw ProblemException.refused(e.reason(), e.getMessage());
        }
        JsonBodies.write(response, 200, SharingJson.grant(revoked, clock.instant()));
    }

    /** The grant, if the caller's departments gave or received it; 404 otherwise, saying nothing of others'. */
    private Grant visible(HttpServletRequest request, String id) throws ProblemException {
        Caller caller = Caller.of(request);
        return grants.get(id).filter(grant -> concerns(caller, grant))
                .orElseThrow(() -> ProblemException.notFound("no grant '" + id + "'"));
    }

    /** Whether the caller gave or received the grant; admins see every grant. */
    private static boolean concerns(Caller caller, Grant grant) {
        TokenInfo token = caller.token();
        if (token.isResident()) {
            return gives(caller, grant.owner());
        }
        DepartmentScope scope = token.scope();
        return token.role() == Role.ADMIN || scope.includes(grant.grantee())
                || grant.owner().department() != null && scope.includes(grant.owner().department());
    }

    /**
     * Whether the caller gives (and revokes) this owner's grants: a department's token for its departments, a
     * resident for its households, an admin for anyone (for a household, at the resident's written request).
     */
    private static boolean gives(Caller caller, GrantOwner owner) {
        TokenInfo token = caller.token();
        if (token.role() == Role.ADMIN) {
            return true;
        }
        String household = owner.household();
        if (household != null) {
            return token.isResident() && token.households().contains(household);
        }
        return !token.isResident() && token.scope().includes(owner.department());
    }

    private static void mayGive(Caller caller, GrantOwner owner) throws ProblemException {
        if (gives(caller, owner)) {
            return;
        }
        TokenInfo token = caller.token();
        if (owner.household() != null) {
            throw ProblemException.forbidden("only a resident of household '" + owner.household() + "' (or an admin"
                    + " at the resident's written request) gives its consent; token '" + token.name() + "' may not");
        }
        throw ProblemException.forbidden("token '" + token.name() + "' shares things of " + (token.isResident()
                ? "households " + token.households() : "departments " + token.scope()) + " only, not of '"
                + owner.department() + "'");
    }

    private static Boolean activeParameter(HttpServletRequest request) throws ProblemException {
        String active = request.getParameter("active");
        if (active == null) {
            return null;
        }
        if (!active.equals("true") && !active.equals("false")) {
            throw ProblemException.badRequest("'active' is true or false, was '" + active + "'");
        }
        return Objects.equals(active, "true");
    }
}
