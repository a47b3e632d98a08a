package org.cityhub.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.backup.Backup;
import org.cityhub.api.bindings.BindingManager;
import org.cityhub.api.discovery.Inbox;
import org.cityhub.api.health.HealthIndicator;
import org.cityhub.api.metrics.MetricsProvider;
import org.cityhub.api.thing.ManagedThings;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingTypeRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every {@code /api} route from one route table; anything that goes wrong is answered as
 * {@code application/problem+json}, never as an HTML page or a stack trace.
 */
@Component(service = Servlet.class, immediate = true, property = { "osgi.http.whiteboard.servlet.pattern=/api/*",
        "osgi.http.whiteboard.servlet.asyncSupported=true", "osgi.http.whiteboard.servlet.name=cityhub-api" })
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    private final transient List<Route> routes = new ArrayList<>();
    private final transient List<MetricsProvider> metrics = new CopyOnWriteArrayList<>();
    private final transient List<HealthIndicator> health = new CopyOnWriteArrayList<>();
    private final transient HttpMetrics requests;

    @Activate
    public ApiServlet(@Reference ThingRegistry things, @Reference ThingTypeRegistry types,
            @Reference ManagedThings managed, @Reference Inbox inbox, @Reference BindingManager bindings,
            @Reference Backup backup, @Reference EventStreamResource events, @Reference HttpMetrics requests) {
        this.requests = requests;
        routes.addAll(new HealthResource(() -> health.stream().map(HealthIndicator::check).toList()).routes());
        routes.add(Route.of("GET", "/metrics", "Metrics in Prometheus text format", this::metrics));
        routes.addAll(new ThingResource(things, types, managed, bindings).routes());
        routes.addAll(new ThingTypeResource(types).routes());
        routes.addAll(new InboxResource(inbox).routes());
        routes.addAll(new BindingResource(bindings).routes());
        routes.addAll(new BackupResource(backup).routes());
        routes.add(Route.of("GET", "/openapi.json", "This API's OpenAPI document", (request, response, parameters) ->
                JsonBodies.write(response, 200, OpenApiDocument.of(routes))));
        routes.addAll(events.routes());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMetrics(MetricsProvider provider) {
        metrics.add(provider);
    }

    void removeMetrics(MetricsProvider provider) {
        metrics.remove(provider);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHealth(HealthIndicator indicator) {
        health.add(indicator);
    }

    void removeHealth(HealthIndicator indicator) {
        health.remove(indicator);
    }

    private void metrics(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        PrometheusText text = new PrometheusText();
        metrics.forEach(provider -> provider.collect(text));
        byte[] body = text.text().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(PrometheusText.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        String route = "unmatched";
        try {
            route = dispatch(request, response, path);
        } catch (ProblemException e) {
            answer(response, e, request.getRequestURI());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
            answer(response, new ProblemException(500, "the hub failed to answer this request; the error is in its log"),
                    request.getRequestURI());
        } finally {
            requests.record(route, response.getStatus());
        }
    }

    /** Answers the request by its route; returns the route's method and template, for the metrics. */
    private String dispatch(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException, ProblemException {
        List<Route> matchingPath = new ArrayList<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.path().match(path);
            if (parameters.isPresent()) {
                if (route.method().equals(request.getMethod())) {
                    route.handler().handle(request, response, parameters.get());
                    return route.method() + " " + route.path();
                }
                matchingPath.add(route);
            }
        }
        if (matchingPath.isEmpty()) {
            throw ProblemException.notFound("no API route " + path);
        }
        String allowed = matchingPath.stream().map(Route::method).collect(Collectors.joining(", "));
        response.setHeader("Allow", allowed);
        throw new ProblemException(405, request.getMethod() + " is not allowed on " + path + "; allowed: " + allowed);
    }

    private static void answer(HttpServletResponse response, ProblemException problem, String instance)
            throws IOException {
        if (response.isCommitted()) {
            LOG.debug("cannot answer {} with {}: the response was already sent", instance, problem.status());
            return;
        }
        response.resetBuffer();
        JsonBodies.writeProblem(response, problem, instance);
    }
}
