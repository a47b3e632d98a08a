package org.cityhub.rest.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.admin.SignInTickets;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /api/sign-in}: the web console trades a single-use ticket from {@code cityhub:ui-link} for its token,
 * so that no token ever travels in a URL. Public, as the page has no token yet; a ticket is 192 random bits.
 */
final class SignInResource {

    private final SignInTickets tickets;

    SignInResource(SignInTickets tickets) {
        this.tickets = tickets;
    }

    List<Route> routes() {
        return List.of(Route.of("POST", "/sign-in", Access.PUBLIC, "Trade a single-use sign-in ticket from"
                + " cityhub:ui-link for its token", this::signIn).body("SignIn"));
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonNode body = JsonBodies.read(request);
        if (!body.path("ticket").isTextual()) {
            throw ProblemException.badRequest("the body must be {\"ticket\": \"<ticket from cityhub:ui-link>\"}");
        }
        String token = tickets.redeem(body.get("ticket").textValue()).orElseThrow(() -> ProblemException.notFound(
                "the ticket is unknown, used already or expired: ask for a new link with cityhub:ui-link"));
        response.setHeader("Cache-Control", "no-store");
        JsonBodies.write(response, 200, Json.object().put("token", token));
    }
}
