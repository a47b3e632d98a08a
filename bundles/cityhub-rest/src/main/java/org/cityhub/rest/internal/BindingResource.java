package org.cityhub.rest.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

/**
 * {@code /api/bindings}: the installed bindings; install, update and uninstall them while the hub runs. A change
 * that takes longer than a few seconds (a download, say) is answered {@code 202} with the operation to follow.
 */
final class BindingResource implements AutoCloseable {

    /** How long a request waits for its change before it is answered 202. */
    static final Duration PATIENCE = Duration.ofSeconds(5);

    private final BindingManager bindings;
    private final BindingOperations operations = new BindingOperations(Clock.systemUTC());

    BindingResource(BindingManager bindings) {
        this.bindings = bindings;
    }

    @Override
    public void close() {
        operations.close();
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/bindings", Access.hub(Role.ADMIN), "List the installed bindings", this::list),
                Route.of("POST", "/bindings", Access.hub(Role.ADMIN), "Install a binding: {\"feature\": …} or {\"location\": …}", this::install).body("BindingRequest"),
                Route.of("GET", "/bindings/{id}", Access.hub(Role.ADMIN), "One installed binding", this::get),
                Route.of("POST", "/bindings/{id}/update", Access.hub(Role.ADMIN), "Update a binding's bundle; body optional: {\"location\"}",
                        this::update),
                Route.of("DELETE", "/bindings/{id}", Access.hub(Role.ADMIN), "Uninstall a binding", this::uninstall),
                Route.of("GET", "/bindings/operations/{id}", Access.hub(Role.ADMIN),
                        "A binding change answered 202: running, done (with the binding) or failed (with why)",
                        this::operation));
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
        BindingOperations.Operation operation = operations.start("install", what, () -> bindings.install(what));
        Optional<BindingInfo> installed = awaited(operation);
        if (installed.isEmpty()) {
            accepted(request, response, operation);
            return;
        }
        response.setHeader("Location", request.getRequestURI() + "/" + installed.get().id());
        JsonBodies.write(response, 201, json(installed.get()));
    }

    private void update(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonNode body = JsonBodies.readOptional(request);
        String location = body.hasNonNull("location") ? body.get("location").asText() : null;
        String id = parameters.get("id");
        BindingOperations.Operation operation = operations.start("update", id, () -> bindings.update(id, location));
        Optional<BindingInfo> updated = awaited(operation);
        if (updated.isEmpty()) {
            accepted(request, response, operation);
            return;
        }
        JsonBodies.write(response, 200, json(updated.get()));
    }

    private void operation(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        String id = parameters.get("id");
        BindingOperations.Operation operation = operations.get(id)
                .orElseThrow(() -> ProblemException.notFound("no binding operation " + id + " (the last 100 are kept)"));
        JsonBodies.write(response, 200, json(operation));
    }

    /**
     * The change's binding if it ends within {@link #PATIENCE}, empty if it still runs.
     *
     * @throws ProblemException if it failed, as the binding manager said why
     */
    private static Optional<BindingInfo> awaited(BindingOperations.Operation operation) throws ProblemException {
        try {
            return Optional.of(operation.outcome().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw problem(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "interrupted while waiting for the binding change; follow it at"
                    + " /api/bindings/operations/" + operation.id());
        }
    }

    private static void accepted(HttpServletRequest request, HttpServletResponse response,
            BindingOperations.Operation operation) throws IOException {
        response.setHeader("Location", request.getContextPath() + "/api/bindings/operations/" + operation.id());
        JsonBodies.write(response, 202, json(operation));
    }

    private static ObjectNode json(BindingOperations.Operation operation) {
        ObjectNode node = Json.object().put("id", operation.id()).put("action", operation.action())
                .put("target", operation.target()).put("started", operation.started().toString());
        CompletableFuture<BindingInfo> outcome = operation.outcome();
        if (!outcome.isDone()) {
            return node.put("state", "running");
        }
        try {
            node.put("state", "done").set("binding", json(outcome.join()));
        } catch (CompletionException e) {
            ProblemException problem = problem(e.getCause());
            node.put("state", "failed").put("status", problem.status()).put("detail", problem.getMessage());
        }
        return node;
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
            throw problem(e);
        }
    }

    private static ProblemException problem(Throwable failure) {
        if (failure instanceof BindingChangeException e) {
            int status = switch (e.reason()) {
                case NOT_FOUND -> 404;
                case INVALID -> 400;
                case FAILED -> 409;
            };
            return new ProblemException(status, e.getMessage());
        }
        return new ProblemException(409, "the binding change failed: " + failure);
    }

    @FunctionalInterface
    private interface Change {
        BindingInfo run() throws BindingChangeException;
    }
}
