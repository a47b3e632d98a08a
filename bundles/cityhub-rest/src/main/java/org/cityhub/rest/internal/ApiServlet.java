package org.cityhub.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.admin.Backup;
import org.cityhub.api.admin.BindingManager;
import org.cityhub.api.discovery.Inbox;
import org.cityhub.api.federation.FederationStatus;
import org.cityhub.api.federation.RemoteCommands;
import org.cityhub.api.health.HealthIndicator;
import org.cityhub.api.home.Households;
import org.cityhub.api.i18n.HubLanguage;
import org.cityhub.api.ingest.IngestService;
import org.cityhub.api.metrics.MetricsProvider;
import org.cityhub.api.persistence.ChannelHistory;
import org.cityhub.api.admin.AuditEntry;
import org.cityhub.api.admin.AuditLog;
import org.cityhub.api.rules.Rules;
import org.cityhub.api.security.Role;
import org.cityhub.api.sharing.Grants;
import org.cityhub.api.admin.SignInTickets;
import org.cityhub.api.admin.TokenService;
import org.cityhub.api.thing.ManagedThings;
import org.cityhub.api.thing.ThingCommands;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingTypeRegistry;
import org.cityhub.api.config.ConfigValues;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every {@code /api} route from one route table; anything that goes wrong is answered as
 * {@code application/problem+json}, never as an HTML page or a stack trace.
 */
@Component(service = Servlet.class, immediate = true, configurationPid = "org.cityhub.rest", property = {
        "osgi.http.whiteboard.servlet.pattern=/api/*", "osgi.http.whiteboard.servlet.asyncSupported=true",
        "osgi.http.whiteboard.servlet.name=cityhub-api" })
@Designate(ocd = ApiServlet.Config.class)
public final class ApiServlet extends HttpServlet {

    /** Typed configuration, PID {@code org.cityhub.rest}. */
    @ObjectClassDefinition(name = "CityHub REST API", description = "Limits and browser access of /api")
    public @interface Config {

        @AttributeDefinition(description = "Web origins allowed to call the API from a browser (CORS), comma-separated,"
                + " or * for all; empty for none")
        String corsAllowedOrigins() default "";

        @AttributeDefinition(description = "Largest request body accepted, in KiB; larger ones are answered 413", min = "1")
        int maxBodyKilobytes() default 64;

        @AttributeDefinition(description = "Requests per second each token may send on average; more are answered 429",
                min = "1")
        int requestsPerSecond() default 50;

        @AttributeDefinition(description = "Requests a token may send at once above its average rate", min = "1")
        int burstRequests() default 100;
    }

    private static final String PID = "org.cityhub.rest";
    private static final Pattern ENCODED_SEPARATOR = Pattern.compile("(?i)%(2f|5c|2e)");

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    private final transient List<Route> routes = new ArrayList<>();
    private final transient List<MetricsProvider> metrics = new CopyOnWriteArrayList<>();
    private final transient List<HealthIndicator> health = new CopyOnWriteArrayList<>();
    private final transient AtomicReference<ChannelHistory> history = new AtomicReference<>();
    private final transient AtomicReference<Rules> rules = new AtomicReference<>();
    private final transient AtomicReference<RemoteCommands> remoteCommands = new AtomicReference<>();
    private final transient AtomicReference<FederationStatus> federation = new AtomicReference<>();
    private final transient HttpMetrics requests;
    private final transient AccessControl access;
    private final transient CorsPolicy cors;
    private final transient AuditLog audit;
    private final int maxBodyBytes;
    private final transient BindingResource bindingChanges;
    private final transient HubLanguage language;

    @Activate
    public ApiServlet(@Reference ThingRegistry things, @Reference ThingCommands commands,
            @Reference IngestService ingest, @Reference ThingTypeRegistry types, @Reference ManagedThings managed, @Reference Inbox inbox, @Reference BindingManager bindings,
            @Reference Backup backup, @Reference EventStreamResource events, @Reference HttpMetrics requests,
            @Reference TokenService tokens, @Reference AuditLog audit, @Reference Grants grants,
            @Reference Households households, @Reference HubLanguage language, @Reference SignInTickets signIns,
            Config config) {
        this.language = language;
        this.requests = requests;
        this.audit = audit;
        this.cors = CorsPolicy.of(config.corsAllowedOrigins());
        this.maxBodyBytes = ConfigValues.atLeast(PID, "maxBodyKilobytes", config.maxBodyKilobytes(), 1, 64) * 1024;
        this.access = new AccessControl(tokens, events.tickets(), new RateLimiter(
                ConfigValues.atLeast(PID, "requestsPerSecond", config.requestsPerSecond(), 1, 50),
                ConfigValues.atLeast(PID, "burstRequests", config.burstRequests(), 1, 100), System::nanoTime), grants);
        routes.addAll(new HealthResource(() -> health.stream().map(HealthIndicator::check).toList()).routes());
        routes.add(Route.of("GET", "/metrics", Access.hub(Role.VIEWER), "Metrics in Prometheus text format",
                this::metrics));
        routes.addAll(new ThingResource(things, commands, ingest, managed, bindings, households,
                () -> Optional.ofNullable(remoteCommands.get())).routes());
        routes.addAll(new HistoryResource(things, () -> Optional.ofNullable(history.get()), Clock.systemUTC()).routes());
        routes.addAll(new ThingTypeResource(types).routes());
        routes.addAll(new IngestResource(things, ingest).routes());
        routes.addAll(new InboxResource(inbox, households).routes());
        this.bindingChanges = new BindingResource(bindings);
        routes.addAll(bindingChanges.routes());
        routes.addAll(new BackupResource(backup).routes());
        routes.addAll(new TokenResource(tokens).routes());
        routes.addAll(new HubResource(() -> Optional.ofNullable(federation.get())).routes());
        routes.addAll(new AuditResource(audit).routes());
        routes.addAll(new GrantResource(grants, Clock.systemUTC()).routes());
        routes.addAll(new HouseholdResource(households, tokens).routes());
        routes.addAll(new SignInResource(signIns).routes());
        routes.addAll(new RuleResource(() -> Optional.ofNullable(rules.get())).routes());
        routes.add(Route.of("GET", "/openapi.json", Access.PUBLIC, "This API's OpenAPI document",
                (request, response, parameters) -> JsonBodies.write(response, 200, OpenApiDocument.of(routes))));
        routes.add(Route.of("GET", "/docs", Access.PUBLIC, "This API's documentation page, for people", this::docs));
        routes.addAll(events.routes());
    }

    @Deactivate
    void stop() {
        bindingChanges.close();
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

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setHistory(ChannelHistory service) {
        history.set(service);
    }

    void unsetHistory(ChannelHistory service) {
        history.compareAndSet(service, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setRemoteCommands(RemoteCommands service) {
        remoteCommands.set(service);
    }

    void unsetRemoteCommands(RemoteCommands service) {
        remoteCommands.compareAndSet(service, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setFederation(FederationStatus service) {
        federation.set(service);
    }

    void unsetFederation(FederationStatus service) {
        federation.compareAndSet(service, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setRules(Rules service) {
        rules.set(service);
    }

    void unsetRules(Rules service) {
        rules.compareAndSet(service, null);
    }

    private void docs(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        try (InputStream page = ApiServlet.class.getResourceAsStream("api-docs.html")) {
            byte[] body = page.readAllBytes();
            response.setStatus(200);
            response.setContentType("text/html;charset=UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
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
    protected void service(HttpServletRequest request, HttpServletResponse plain) throws IOException {
        HttpServletResponse response = Localizer.of(request, language.defaultLanguage()).wrap(plain);
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        request.setAttribute(JsonBodies.MAX_BODY_ATTRIBUTE, maxBodyBytes);
        cors.apply(request, response);
        Route route = null;
        try {
            refuseEncodedSeparators(request.getRequestURI());
            Matched matched = route(request, response, path);
            if (matched != null) {
                route = matched.route();
                access.check(request, route);
                route.handler().handle(request, response, matched.parameters());
            }
        } catch (ProblemException e) {
            answer(response, e, request.getRequestURI());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
            answer(response, new ProblemException(500, "the hub failed to answer this request; the error is in its log"),
                    request.getRequestURI());
        } finally {
            requests.record(route == null ? "unmatched" : route.key(), response.getStatus());
            if (route != null) {
                recordInAudit(request, route, response.getStatus());
            }
        }
    }

    /**
     * Refuses a path with an encoded '/', '\' or '.': no identifier holds one, and the container decodes and
     * normalises them before routing, so {@code /bindings/operations/%2e%2e%2f%2e%2e%2fbindings} would otherwise
     * reach another route than the one written.
     */
    private static void refuseEncodedSeparators(String rawPath) throws ProblemException {
        if (ENCODED_SEPARATOR.matcher(rawPath).find()) {
            throw ProblemException.badRequest("the path holds an encoded '/', '\\' or '.', which no identifier has");
        }
    }

    /** A route whose path matched, with the path's parameters. */
    private record Matched(Route route, Map<String, String> parameters) {
    }

    /** The route that answers the request; null for an {@code OPTIONS} request, answered here. */
    private Matched route(HttpServletRequest request, HttpServletResponse response, String path)
            throws ProblemException {
        List<Matched> matchingPath = new ArrayList<>();
        for (Route route : routes) {
            route.path().match(path).ifPresent(parameters -> matchingPath.add(new Matched(route, parameters)));
        }
        if (matchingPath.isEmpty()) {
            throw ProblemException.notFound("no API route " + path);
        }
        String allowed = matchingPath.stream().map(m -> m.route().method()).collect(Collectors.joining(", "));
        if (request.getMethod().equals("OPTIONS")) {
            answerOptions(request, response, allowed);
            return null;
        }
        for (Matched matched : matchingPath) {
            if (matched.route().method().equals(request.getMethod())) {
                return matched;
            }
        }
        response.setHeader("Allow", allowed);
        throw new ProblemException(405, request.getMethod() + " is not allowed on " + path + "; allowed: " + allowed);
    }

    /** A browser's CORS pre-flight, or a plain question of what the path allows. */
    private void answerOptions(HttpServletRequest request, HttpServletResponse response, String allowed)
            throws ProblemException {
        if (request.getHeader("Access-Control-Request-Method") != null) {
            cors.preflight(request, response, allowed);
        } else {
            response.setHeader("Allow", allowed + ", OPTIONS");
            response.setStatus(204);
        }
    }

    /** Records every change asked through the API, and every refusal of an authenticated caller. */
    private void recordInAudit(HttpServletRequest request, Route route, int status) {
        Optional<Caller> caller = Caller.find(request);
        boolean change = !route.method().equals("GET");
        if (caller.isPresent() && (change || status == 403)) {
            audit.record(new AuditEntry(Instant.now(), caller.get().actor(), caller.get().address(), route.key(),
                    request.getRequestURI(), Caller.auditDetail(request), Integer.toString(status)));
        }
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
