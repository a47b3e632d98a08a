package org.cityhub.rest.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.security.Role;
import org.cityhub.api.admin.BindingChangeException;
import org.cityhub.api.admin.BindingInfo;
import org.cityhub.api.admin.BindingManager;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /api/bindings}: the installed bindings; install, update and uninstall them while the hub runs. */
final class BindingResource {

    private final BindingManager bindings;

    BindingResource(BindingManager bindings) {
        this.bindings = bindings;
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/bindings", Access.hub(Role.ADMIN), "List the installed bindings", this::list),
                Route.of("POST", "/bindings", Access.hub(Role.ADMIN), "Install a binding: {\"feature\": …} or {\"location\": …}", this::install).body("BindingRequest"),
                Route.of("GET", "/bindings/{id}", Access.hub(Role.ADMIN), "One installed binding", this::get),
                Route.of("POST", "/bindings/{id}/update", Access.hub(Role.ADMIN), "Update a binding's bundle; body optional: {\"location\"}",
                        this::update),
                Route.of("DELETE", "/bindings/{id}", Access.hub(Role.ADMIN), "Uninstall a binding", this::uninstall));
    }

    private void list(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        ArrayNode body = Json.array();
        bindings.getAll().stream().map(BindingResource::json).forEach(body::add);
        JsonBodies.write(response, 200, body);
    }

    private void get(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        String id = parameters.get("id");
        JsonBodies.write(response, 200, json(bindings.get(id)
                .orElseThrow(() -> ProblemException.notFound("no binding " + id))));
    }

    private void install(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonNode body = JsonBodies.read(request);
        String what = body.path("feature").asText(body.path("location").asText(""));
        if (what.isBlank() || body.has("feature") == body.has("location")) {
            throw ProblemException.badRequest("the body must be {\"feature\": \"cityhub-binding-…\"} or"
                    + " {\"location\": \"mvn:…\"}");
        }
        BindingInfo installed = change(() -> bindings.install(what));
        response.setHeader("Location", request.getRequestURI() + "/" + installed.id());
        JsonBodies.write(response, 201, json(installed));
    }

    private void update(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonNode body = JsonBodies.readOptional(request);
        String location = body.hasNonNull("location") ? body.get("location").asText() : null;
        JsonBodies.write(response, 200, json(change(() -> bindings.update(parameters.get("id"), location))));
    }

    private void uninstall(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws ProblemException {
        change(() -> {
            bindings.uninstall(parameters.get("id"));
            return null;
        });
        response.setStatus(204);
    }

    private static ObjectNode json(BindingInfo info) {
        return Json.object().put("id", info.id()).put("bundle", info.bundle()).put("version", info.version())
                .put("state", info.state()).put("updating", info.updating()).put("thingsHandled", info.thingsHandled())
                .put("thingsWaiting", info.thingsWaiting());
    }

    private static BindingInfo change(Change change) throws ProblemException {
        try {
            return change.run();
        } catch (BindingChangeException e) {
            int status = switch (e.reason()) {
                case NOT_FOUND -> 404;
                case INVALID -> 400;
                case FAILED -> 409;
            };
            throw new ProblemException(status, e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Change {
        BindingInfo run() throws BindingChangeException;
    }
}
