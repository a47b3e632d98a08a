package org.cityhub.rest.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.rules.RuleException;
import org.cityhub.api.rules.RuleInfo;
import org.cityhub.api.rules.Rules;
import org.cityhub.api.security.Role;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /rules}: the when-then rules of the token's departments, how they fare, and their changes. A rule of
 * another department answers {@code 404}, like one that does not exist.
 */
final class RuleResource {

    private final Supplier<Optional<Rules>> rules;

    RuleResource(Supplier<Optional<Rules>> rules) {
        this.rules = rules;
    }

    List<Route> routes() {
        Access viewer = Access.department(Role.VIEWER);
        Access integrator = Access.department(Role.INTEGRATOR);
        return List.of(
                Route.of("GET", "/rules", viewer, "The rules of the token's departments with status, last fired,"
                        + " counts and errors", this::list),
                Route.of("GET", "/rules/{id}", viewer, "One rule with its document and how it fares", this::get),
                Route.of("PUT", "/rules/{id}", integrator, "Create or replace a managed rule, in force at once",
                        this::define).body("Rule"),
                Route.of("DELETE", "/rules/{id}", integrator, "Remove a managed rule", this::remove),
                Route.of("PUT", "/rules/{id}/enabled", Access.department(Role.OPERATOR), "Switch a rule on (true) or"
                        + " off (false)", this::enable).body("Enabled"),
                Route.of("POST", "/rules/{id}/test", viewer, "What the rule would do now, without doing it",
                        this::test));
    }

    private void list(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        Caller caller = Caller.of(request);
        ArrayNode body = Json.array();
        available().list().stream().filter(rule -> caller.token().scope().includes(rule.department()))
                .forEach(rule -> body.add(json(rule)));
        JsonBodies.write(response, 200, body);
    }

    private void get(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonBodies.write(response, 200, json(visible(request, parameters.get("id"))));
    }

    private void define(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        String id = parameters.get("id");
        Rules engine = available();
        Optional<RuleInfo> existing = engine.get(id);
        Caller caller = Caller.of(request);
        if (existing.isPresent() && !caller.token().scope().includes(existing.get().department())) {
            throw new ProblemException(409, "the id '" + id + "' is taken; choose another");
        }
        JsonNode body = JsonBodies.read(request);
        String text = Json.toPrettyText(body);
        JsonNode department = body.path("department");
        if (department.isTextual() && !caller.token().scope().includes(department.asText())) {
            throw ProblemException.forbidden("token '" + caller.token().name() + "' makes rules of departments "
                    + caller.token().scope() + " only, not of '" + department.asText() + "'");
        }
        Caller.noteForAudit(request, "rule of " + department.asText("?"));
        RuleInfo defined;
        try {
            defined = engine.define(id, text, caller.actor());
        } catch (RuleException e) {
            throw ProblemException.refused(e.reason(), e.getMessage());
        }
        JsonBodies.write(response, existing.isPresent() ? 200 : 201, json(defined));
    }

    private void remove(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        RuleInfo rule = visible(request, parameters.get("id"));
        try {
            available().remove(rule.id(), Caller.of(request).actor());
        } catch (RuleException e) {
            throw ProblemException.refused(e.reason(), e.getMessage());
        }
        response.setStatus(204);
    }

    private void enable(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonNode body = JsonBodies.read(request);
        JsonNode flag = body.isObject() ? body.path("enabled") : body;
        if (!flag.isBoolean()) {
            throw ProblemException.badRequest("the body must be true, false or {\"enabled\": true|false}");
        }
        RuleInfo rule = visible(request, parameters.get("id"));
        Caller.noteForAudit(request, "enabled=" + flag.booleanValue());
        try {
            JsonBodies.write(response, 200, json(available().setEnabled(rule.id(), flag.booleanValue(),
                    Caller.of(request).actor())));
        } catch (RuleException e) {
            throw ProblemException.refused(e.reason(), e.getMessage());
        }
    }

    private void test(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        RuleInfo rule = visible(request, parameters.get("id"));
        try {
            JsonBodies.write(response, 200, Json.parse(available().dryRun(rule.id())));
        } catch (RuleException e) {
            throw ProblemException.refused(e.reason(), e.getMessage());
        }
    }

    private RuleInfo visible(HttpServletRequest request, String id) throws ProblemException {
        Caller caller = Caller.of(request);
        return available().get(id).filter(rule -> caller.token().scope().includes(rule.department()))
                .orElseThrow(() -> ProblemException.notFound("no rule '" + id + "'"));
    }

    private Rules available() throws ProblemException {
        return rules.get().orElseThrow(() -> new ProblemException(503, "rules are not available now: the rules"
                + " bundle is not running").retryAfter(5));
    }

    /** A rule as the API shows it: how it fares, and its document. */
    static ObjectNode json(RuleInfo rule) {
        ObjectNode node = Json.object().put("id", rule.id()).put("department", rule.department())
                .put("label", rule.label()).put("source", rule.source()).put("status", rule.status().name())
                .put("message", rule.message()).put("fired", rule.fired()).put("failed", rule.failed())
                .put("throttled", rule.throttled()).put("skipped", rule.skipped());
        if (rule.lastFired() != null) {
            node.put("lastFired", rule.lastFired().toString());
        }
        try {
            node.set("definition", Json.parse(rule.definition()));
        } catch (IOException e) {
            node.put("definition", rule.definition());
        }
        return node;
    }
}
