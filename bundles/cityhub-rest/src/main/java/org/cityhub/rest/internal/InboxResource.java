package org.cityhub.rest.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.security.Role;
import org.cityhub.api.discovery.Inbox;
import org.cityhub.api.home.Households;
import org.cityhub.api.discovery.InboxEntry;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.json.DiscoveryJson;
import org.cityhub.json.Json;
import org.cityhub.json.ThingJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** {@code /api/inbox}: discovered devices waiting to be approved, ignored or removed. */
final class InboxResource {

    private final Inbox inbox;
    private final Households households;

    InboxResource(Inbox inbox, Households households) {
        this.inbox = inbox;
        this.households = households;
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/inbox", Access.hub(Role.INTEGRATOR), "List the discovered devices", this::list),
                Route.of("POST", "/inbox/scan", Access.hub(Role.INTEGRATOR), "Ask every discovery service to scan now", this::scan),
                Route.of("POST", "/inbox/{uid}/approve", Access.hub(Role.INTEGRATOR), "Make a discovered device a managed thing; body optional:"
                        + " {\"id\", \"label\", \"household\" (admins: a home's device)}", this::approve),
                Route.of("POST", "/inbox/{uid}/ignore", Access.hub(Role.INTEGRATOR), "Keep a discovered device out of the way", this::ignore),
                Route.of("DELETE", "/inbox/{uid}", Access.hub(Role.INTEGRATOR), "Remove a discovered device; discovery may offer it again",
                        this::remove));
    }

    private void list(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        ArrayNode body = Json.array();
        inbox.getAll().stream().map(DiscoveryJson::inboxEntry).forEach(body::add);
        JsonBodies.write(response, 200, body);
    }

    private void scan(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        inbox.scan();
        JsonBodies.write(response, 202, Json.object().put("scanning", true));
    }

    private void approve(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        ThingUID uid = uid(parameters);
        JsonNode body = JsonBodies.readOptional(request);
        for (String field : List.of("id", "label", "household")) {
            if (body.has(field) && !body.get(field).isTextual()) {
                throw ProblemException.badRequest("'" + field + "' must be a string");
            }
        }
        String household = body.path("household").asText(null);
        if (household != null) {
            householdMayOwn(Caller.of(request), household);
        }
        Thing thing;
        try {
            thing = inbox.approve(uid, body.path("id").asText(null), body.path("label").asText(null), household);
        } catch (ThingChangeException e) {
            throw ThingResource.problem(e);
        }
        response.setHeader("Location", request.getContextPath() + "/api/things/" + thing.uid());
        JsonBodies.write(response, 201, ThingJson.thing(thing));
    }

    private void ignore(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        ThingUID uid = uid(parameters);
        try {
            inbox.ignore(uid);
        } catch (ThingChangeException e) {
            throw ThingResource.problem(e);
        }
        InboxEntry entry = inbox.get(uid).orElseThrow(() -> ProblemException.notFound("no inbox entry " + uid));
        JsonBodies.write(response, 200, DiscoveryJson.inboxEntry(entry));
    }

    private void remove(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws ProblemException {
        ThingUID uid = uid(parameters);
        try {
            inbox.remove(uid);
        } catch (ThingChangeException e) {
            throw ThingResource.problem(e);
        }
        response.setStatus(204);
    }

    private static ThingUID uid(Map<String, String> parameters) throws ProblemException {
        return ProblemException.parsing(() -> ThingUID.parse(parameters.get("uid")));
    }

    /** A home's device goes to a household the hub keeps, by an admin's hand: it is then the residents' alone. */
    private void householdMayOwn(Caller caller, String household) throws ProblemException {
        if (caller.token().role() != Role.ADMIN) {
            throw ProblemException.forbidden("a home's device is given to its household by an admin, at the"
                    + " community office's request; token '" + caller.token().name() + "' is "
                    + caller.token().role().id());
        }
        if (households.get(household).isEmpty()) {
            throw ProblemException.badRequest("no household '" + household + "': the community office makes it"
                    + " first (PUT /api/households/" + household + ")");
        }
    }
}
