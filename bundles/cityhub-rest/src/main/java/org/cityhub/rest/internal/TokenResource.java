package org.cityhub.rest.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.admin.IssuedToken;
import org.cityhub.api.security.Role;
import org.cityhub.api.admin.TokenException;
import org.cityhub.api.admin.TokenService;
import org.cityhub.api.config.DurationText;
import org.cityhub.json.AdminJson;
import org.cityhub.json.Json;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** {@code /api/tokens}: the admins' view of the access tokens. A secret is shown once, in the creation's answer. */
final class TokenResource {

    private final TokenService tokens;

    TokenResource(TokenService tokens) {
        this.tokens = tokens;
    }

    List<Route> routes() {
        Access admin = Access.hub(Role.ADMIN);
        return List.of(Route.of("GET", "/tokens", admin, "List the tokens (never their secrets)", this::list),
                Route.of("POST", "/tokens", admin, "Create a token; the answer holds its secret, shown this once",
                        this::create).body("TokenRequest"),
                Route.of("GET", "/tokens/{name}", admin, "One token", this::get),
                Route.of("DELETE", "/tokens/{name}", admin, "Revoke a token; its open event streams close", this::revoke),
                Route.of("GET", "/whoami", Access.department(Role.VIEWER).orResident(),
                        "The caller's own token: name, role, departments or households, expiry", this::whoami));
    }

    /** What a console needs to show a person only what their role may do; any valid token may ask about itself. */
    private void whoami(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        JsonBodies.write(response, 200, AdminJson.token(Caller.of(request).token()));
    }

    private void list(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        ArrayNode body = Json.array();
        tokens.list().forEach(token -> body.add(AdminJson.token(token)));
        JsonBodies.write(response, 200, body);
    }

    private void get(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        String name = parameters.get("name");
        JsonBodies.write(response, 200, AdminJson.token(tokens.get(name)
                .orElseThrow(() -> ProblemException.notFound("no token named '" + name + "'"))));
    }

    private void create(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonNode body = JsonBodies.read(request);
        if (!body.isObject()) {
            throw ProblemException.badRequest("the body must be {\"name\", \"role\", \"departments\", \"expires\"?}");
        }
        String name = ProblemException.parsing(() -> text(body, "name"));
        Role role = ProblemException.parsing(() -> Role.parse(text(body, "role")));
        if (role == Role.RESIDENT) {
            createResident(request, response, body, name);
            return;
        }
        DepartmentScope scope = role == Role.ADMIN && !body.has("departments") ? DepartmentScope.ALL
                : ProblemException.parsing(() -> DepartmentScope.parse(text(body, "departments")));
        Duration lifetime = lifetime(body);
        Caller.noteForAudit(request, "name=" + name + " role=" + role.id() + " departments=" + scope);
        try {
            answerIssued(request, response, tokens.create(name, role, scope, lifetime, Caller.of(request).actor()));
        } catch (TokenException e) {
            throw ProblemException.refused(e.reason(), e.getMessage());
        }
    }

    private void createResident(HttpServletRequest request, HttpServletResponse response, JsonNode body, String name)
            throws IOException, ProblemException {
        JsonNode homes = body.path("households");
        if (!homes.isArray() || homes.isEmpty() || body.has("departments")) {
            throw ProblemException.badRequest("a resident's token names \"households\": [\"<id>\", …] and no"
                    + " departments");
        }
        Set<String> households = new TreeSet<>();
        homes.forEach(home -> households.add(home.asText()));
        Duration lifetime = lifetime(body);
        Caller.noteForAudit(request, "name=" + name + " role=resident households=" + households);
        try {
            answerIssued(request, response, tokens.createResident(name, households, lifetime,
                    Caller.of(request).actor()));
        } catch (TokenException e) {
            throw ProblemException.refused(e.reason(), e.getMessage());
        }
    }

    private static void answerIssued(HttpServletRequest request, HttpServletResponse response, IssuedToken issued)
            throws IOException {
        String name = issued.info().name();
        response.setHeader("Location", request.getRequestURI() + "/" + name);
        response.setHeader("Cache-Control", "no-store");
        JsonBodies.write(response, 201, AdminJson.token(issued.info()).put("token", issued.secret()));
    }

    private void revoke(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws ProblemException {
        try {
            tokens.revoke(parameters.get("name"));
        } catch (TokenException e) {
            throw ProblemException.refused(e.reason(), e.getMessage());
        }
        response.setStatus(204);
    }

    private static @Nullable Duration lifetime(JsonNode body) throws ProblemException {
        return body.hasNonNull("expires") ? ProblemException.parsing(() -> DurationText.parse(text(body, "expires")))
                : null;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return value.textValue();
    }
}
