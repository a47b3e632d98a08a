package org.cityhub.rest.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.health.HealthCheck;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/health}: liveness (the hub answers) and readiness (every health check passes), in the shapes load
 * balancers and Kubernetes probes expect: 200 when up or ready, 503 when not.
 */
final class HealthResource {

    private final Supplier<List<HealthCheck>> checks;

    HealthResource(Supplier<List<HealthCheck>> checks) {
        this.checks = checks;
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/health", Access.PUBLIC, "Liveness and readiness; with a token of all departments, every check's detail", this::health),
                Route.of("GET", "/health/live", Access.PUBLIC, "Whether the hub answers (always 200 while it does)", this::live),
                Route.of("GET", "/health/ready", Access.PUBLIC, "Whether the hub is ready: 200, or 503 with the failing checks",
                        this::ready));
    }

    private void health(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        List<HealthCheck> results = checks.get();
        boolean ready = results.stream().allMatch(HealthCheck::ready);
        boolean degraded = results.stream().anyMatch(HealthCheck::degraded);
        ObjectNode body = Json.object().put("status", degraded ? "DEGRADED" : "UP").put("live", true)
                .put("ready", ready);
        if (mayReadDetails(request)) {
            ObjectNode details = body.putObject("checks");
            results.forEach(check -> details.putObject(check.name()).put("ready", check.ready())
                    .put("degraded", check.degraded()).put("detail", check.detail()));
        }
        JsonBodies.write(response, 200, body);
    }

    /**
     * Whether the caller may read the checks' details: tokens of every department only, since the details speak of
     * the whole hub (how many things are still starting, which files were damaged), not of one department's share.
     */
    private static boolean mayReadDetails(HttpServletRequest request) {
        return Caller.find(request).filter(caller -> !caller.token().isResident() && caller.token().scope().isAll())
                .isPresent();
    }

    private void live(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        JsonBodies.write(response, 200, Json.object().put("live", true));
    }

    private void ready(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        List<HealthCheck> failing = checks.get().stream().filter(check -> !check.ready()).toList();
        ObjectNode body = Json.object().put("ready", failing.isEmpty());
        boolean detailed = mayReadDetails(request);
        failing.forEach(check -> body.withObjectProperty("failing").put(check.name(), detailed ? check.detail() : "failing"));
        JsonBodies.write(response, failing.isEmpty() ? 200 : 503, body);
    }
}
