package org.cityhub.rest.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
                Route.of("DELETE", "/tokens/{name}", admin, "Revoke a token; its open event streams close", this::revoke));
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
        DepartmentScope scope = role == Role.ADMIN && !body.has("departments") ? DepartmentScope.ALL
                : ProblemException.parsing(() -> DepartmentScope.parse(text(body, "departments")));
        Duration lifetime = body.hasNonNull("expires")
                ? ProblemException.parsing(() -> DurationText.parse(text(body, "expires"))) : null;
        Caller.noteForAudit(request, "name=" + name + " role=" + role.id() + " departments=" + scope);
        IssuedToken issued;
        try {
            issued = tokens.create(name, role, scope, lifetime, Caller.of(request).actor());
        } catch (TokenException e) {
            throw ProblemException.refused(e.reason(), e.getMessage());
        }
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

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return value.textValue();
    }
}
