package org.cityhub.rest.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.admin.IssuedToken;
import org.cityhub.api.admin.TokenException;
import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.admin.TokenService;
import org.cityhub.api.config.DurationText;
import org.cityhub.api.home.Household;
import org.cityhub.api.home.HouseholdDraft;
import org.cityhub.api.home.HouseholdException;
import org.cityhub.api.home.Households;
import org.cityhub.api.security.Role;
import org.cityhub.json.AdminJson;
import org.cityhub.json.HomeJson;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * {@code /api/households}: the homes, kept by the community office (the integrators of a household's office
 * department, and admins), which also issues the residents' tokens. A resident reads its own household. Whoever may
 * not see a household gets 404, as for things.
 */
final class HouseholdResource {

    private final Households households;
    private final TokenService tokens;

    HouseholdResource(Households households, TokenService tokens) {
        this.households = households;
        this.tokens = tokens;
    }

    List<Route> routes() {
        Access viewer = Access.department(Role.VIEWER).orResident();
        Access office = Access.department(Role.INTEGRATOR);
        return List.of(
                Route.of("GET", "/households", viewer, "The households the token's departments keep as community"
                        + " office (a resident: its own)", this::list).query("district"),
                Route.of("GET", "/households/{id}", viewer, "One household", this::get),
                Route.of("PUT", "/households/{id}", office, "Create a household, or change its label, address or"
                        + " district", this::put).body("Household"),
                Route.of("DELETE", "/households/{id}", office, "Remove a household that owns no thing; its consents"
                        + " and residents' tokens end", this::remove),
                Route.of("GET", "/households/{id}/tokens", office, "The residents' tokens of a household (never"
                        + " their secrets)", this::listTokens),
                Route.of("POST", "/households/{id}/tokens", office, "Issue a resident's token; the answer holds its"
                        + " secret, shown this once", this::issueToken).body("ResidentTokenRequest"),
                Route.of("DELETE", "/households/{id}/tokens/{name}", office, "Revoke a resident's token",
                        this::revokeToken));
    }

    private void list(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        Caller caller = Caller.of(request);
        String district = request.getParameter("district");
        ArrayNode body = Json.array();
        households.list().stream().filter(household -> visible(caller, household))
                .filter(household -> district == null || district.equals(household.district()))
                .forEach(household -> body.add(HomeJson.household(household)));
        JsonBodies.write(response, 200, body);
    }

    private void get(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonBodies.write(response, 200, HomeJson.household(visible(request, parameters.get("id"))));
    }

    private void put(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        String id = parameters.get("id");
        JsonNode body = JsonBodies.read(request);
        HouseholdDraft draft = ProblemException.parsing(() -> HomeJson.parseDraft(body, id));
        Caller caller = Caller.of(request);
        if (!keeps(caller, draft.office())) {
            throw ProblemException.forbidden("token '" + caller.token().name() + "' keeps households for departments "
                    + caller.token().scope() + " only, not for office '" + draft.office() + "'");
        }
        Optional<Household> existing = households.get(id);
        if (existing.isPresent() && !keeps(caller, existing.get().office())) {
            throw new ProblemException(409, "the household id '" + id + "' is taken; choose another");
        }
        Caller.noteForAudit(request, "office=" + draft.office() + " district=" + draft.district());
        Household household;
        try {
            household = households.put(draft, caller.actor());
        } catch (HouseholdException e) {
            throw ProblemException.refused(e.reason(), e.getMessage());
        }
        JsonBodies.write(response, existing.isPresent() ? 200 : 201, HomeJson.household(household));
    }

    private void remove(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws ProblemException {
        Household household = kept(request, parameters.get("id"));
        try {
            households.remove(household.id(), Caller.of(request).actor());
        } catch (HouseholdException e) {
            throw ProblemException.refused(e.reason(), e.getMessage());
        }
        response.setStatus(204);
    }

    private void listTokens(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        Household household = kept(request, parameters.get("id"));
        ArrayNode body = Json.array();
        tokens.list().stream().filter(token -> token.households().contains(household.id()))
                .forEach(token -> body.add(AdminJson.token(token)));
        JsonBodies.write(response, 200, body);
    }

    private void issueToken(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonNode body = JsonBodies.read(request);
        if (!body.isObject() || !body.path("name").isTextual()
                || body.hasNonNull("expires") && !body.get("expires").isTextual()) {
            throw ProblemException.badRequest("the body must be {\"name\": \"<token name>\", \"expires\"?: \"90d\"}");
        }
        Duration lifetime = body.hasNonNull("expires")
                ? ProblemException.parsing(() -> DurationText.parse(body.get("expires").textValue())) : null;
        Household household = kept(request, parameters.get("id"));
        String name = body.get("name").textValue();
        Caller.noteForAudit(request, "name=" + name + " role=resident household=" + household.id());
        IssuedToken issued;
        try {
            issued = tokens.createResident(name, Set.of(household.id()), lifetime, Caller.of(request).actor());
        } catch (TokenException e) {
            throw ProblemException.refused(e.reason(), e.getMessage());
        }
        response.setHeader("Location", request.getRequestURI() + "/" + name);
        response.setHeader("Cache-Control", "no-store");
        JsonBodies.write(response, 201, AdminJson.token(issued.info()).put("token", issued.secret()));
    }

    private void revokeToken(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws ProblemException {
        Household household = kept(request, parameters.get("id"));
        String name = parameters.get("name");
        TokenInfo token = tokens.get(name).filter(info -> info.households().contains(household.id()))
                .orElseThrow(() -> ProblemException.notFound("household '" + household.id() + "' has no resident's"
                        + " token '" + name + "'"));
        try {
            tokens.revoke(token.name());
        } catch (TokenException e) {
            throw ProblemException.refused(e.reason(), e.getMessage());
        }
        response.setStatus(204);
    }

    /** The household, if the caller may read it; 404 otherwise, saying nothing of others'. */
    private Household visible(HttpServletRequest request, String id) throws ProblemException {
        Caller caller = Caller.of(request);
        return households.get(id).filter(household -> visible(caller, household))
                .orElseThrow(() -> ProblemException.notFound("no household '" + id + "'"));
    }

    /** The household, if the caller keeps it as community office (or is an admin); 404 otherwise. */
    private Household kept(HttpServletRequest request, String id) throws ProblemException {
        Caller caller = Caller.of(request);
        return households.get(id).filter(household -> keeps(caller, household.office()))
                .orElseThrow(() -> ProblemException.notFound("no household '" + id + "'"));
    }

    private static boolean visible(Caller caller, Household household) {
        TokenInfo token = caller.token();
        return token.isResident() ? token.households().contains(household.id()) : keeps(caller, household.office());
    }

    private static boolean keeps(Caller caller, String office) {
        TokenInfo token = caller.token();
        return !token.isResident() && token.scope().includes(office);
    }
}
