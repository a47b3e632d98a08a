package org.cityhub.rest.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.event.OverflowPolicy;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;
import org.cityhub.api.metrics.MetricsProvider;
import org.cityhub.api.metrics.MetricsSink;
import org.cityhub.api.security.Role;
import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.admin.TokenService;
import org.cityhub.api.sharing.Grants;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.config.ConfigValues;
import org.cityhub.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code GET /api/events}: the bus as Server-Sent Events. {@code ?topics=} takes comma-separated patterns with
 * MQTT wildcards (default: everything); a reconnecting client's {@code Last-Event-ID} replays what it missed.
 */
@Component(service = { EventStreamResource.class, MetricsProvider.class }, configurationPid = "org.cityhub.rest.events")
@Designate(ocd = EventStreamResource.Config.class)
public final class EventStreamResource implements MetricsProvider {

    /** Typed configuration, PID {@code org.cityhub.rest.events}. */
    @ObjectClassDefinition(name = "CityHub event streams (SSE)")
    public @interface Config {

        @AttributeDefinition(description = "Seconds between heartbeat comments on idle streams", min = "1")
        int heartbeatSeconds() default 15;

        @AttributeDefinition(description = "Frames that may wait for a client; past it, events are left out and"
                + " announced with a 'missed' frame", min = "1")
        int maxPendingFrames() default 10_000;

        @AttributeDefinition(description = "Kilobytes of frames that may wait for a client, however many frames that"
                + " is; past it, events are left out and announced with a 'missed' frame", min = "1")
        int maxPendingKilobytes() default 4_096;

        @AttributeDefinition(description = "Seconds a client may read nothing while frames wait for it before it is"
                + " disconnected", min = "1")
        int stalledSeconds() default 60;

        @AttributeDefinition(description = "Events that may wait on the bus for one client; the oldest are dropped"
                + " with a 'missed' frame", min = "1")
        int queueCapacity() default 10_000;

        @AttributeDefinition(description = "Open streams allowed per token; more are answered 429", min = "1")
        int connectionsPerToken() default 5;
    }

    static final String DEFAULT_TOPICS = "cityhub/#";
    private static final String PID = "org.cityhub.rest.events";

    private final EventBus bus;
    private final TokenService tokens;
    private final Grants grants;
    private final ThingRegistry things;
    private final TicketBook tickets = new TicketBook(Clock.systemUTC());
    private final Subscription revocations;
    private final int connectionsPerToken;
    private final SseConnection.Backlog backlog;
    private final int queueCapacity;
    private final SseFrameWriter frames = new SseFrameWriter();
    private final Set<SseConnection> connections = ConcurrentHashMap.newKeySet();
    private final LongAdder opened = new LongAdder();
    private final LongAdder droppedAsSlow = new LongAdder();
    private final ScheduledExecutorService heartbeats;

    @Activate
    public EventStreamResource(@Reference EventBus bus, @Reference TokenService tokens, @Reference Grants grants,
            @Reference ThingRegistry things, Config config) {
        this.bus = bus;
        this.grants = grants;
        this.things = things;
        this.tokens = tokens;
        this.connectionsPerToken = ConfigValues.atLeast(PID, "connectionsPerToken", config.connectionsPerToken(), 1, 5);
        this.backlog = new SseConnection.Backlog(ConfigValues.atLeast(PID, "maxPendingFrames", config.maxPendingFrames(),
                1, 10_000), 1024L * ConfigValues.atLeast(PID, "maxPendingKilobytes", config.maxPendingKilobytes(), 1, 4_096),
                Duration.ofSeconds(ConfigValues.atLeast(PID, "stalledSeconds", config.stalledSeconds(), 1, 60)));
        this.queueCapacity = ConfigValues.atLeast(PID, "queueCapacity", config.queueCapacity(), 1, 10_000);
        int heartbeatSeconds = ConfigValues.atLeast(PID, "heartbeatSeconds", config.heartbeatSeconds(), 1, 15);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cityhub-sse-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeats.scheduleAtFixedRate(this::heartbeat, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
        this.revocations = bus.subscribe(TopicFilter.parse(EventTopics.token("+", EventTopics.TYPE_REMOVED)),
                event -> closeStreamsOf(event.topic().split("/")[2]), SubscriptionOptions.named("sse token revocations"));
    }

    @Deactivate
    void stop() {
        revocations.close();
        heartbeats.shutdownNow();
        List.copyOf(connections).forEach(SseConnection::close);
    }

    /** The single-use tickets that browsers' EventSource trades for a token. */
    TicketBook tickets() {
        return tickets;
    }

    List<Route> routes() {
        Access viewer = Access.department(Role.VIEWER).orResident();
        return List.of(Route.of("GET", "/events", viewer.orTicket(), "Follow events as Server-Sent Events", this::stream)
                .query("topics", "ticket"),
                Route.of("POST", "/events/tickets", viewer, "A single-use ticket for ?ticket= on /events, valid "
                        + TicketBook.VALIDITY.toSeconds() + " s, for clients that cannot send headers", this::ticket));
    }

    private void heartbeat() {
        for (SseConnection connection : connections) {
            if (tokens.isLive(connection.token())) {
                connection.heartbeat();
            } else {
                connection.close();
            }
        }
    }

    /** Closes the open streams of a revoked token at once. */
    private void closeStreamsOf(String tokenName) {
        connections.stream().filter(c -> c.token().name().equals(tokenName)).forEach(SseConnection::close);
    }

    private void ticket(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        String ticket = tickets.issue(Caller.of(request).token());
        JsonBodies.write(response, 201, Json.object().put("ticket", ticket)
                .put("expiresInSeconds", TicketBook.VALIDITY.toSeconds()));
    }

    @Override
    public void collect(MetricsSink sink) {
        sink.gauge("cityhub_sse_clients", "Connected SSE clients", Map.of(), connections.size());
        sink.counter("cityhub_sse_connections_total", "SSE connections opened", Map.of(), opened.sum());
        sink.counter("cityhub_sse_clients_dropped_total", "SSE clients dropped because they read nothing for the stall"
                + " time", Map.of(),
                droppedAsSlow.sum());
    }

    private void stream(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        TopicFilter filter = ProblemException.parsing(() -> TopicFilter.parse(topics(request)));
        long resumeAfter = lastEventId(request);
        TokenInfo token = Caller.of(request).token();
        if (connections.stream().filter(c -> c.token().name().equals(token.name())).count() >= connectionsPerToken) {
            throw new ProblemException(429, "token '" + token.name() + "' has " + connectionsPerToken + " open event"
                    + " streams, the most allowed; close one first").retryAfter(5);
        }
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        Predicate<Event> visibility = EventVisibility.of(token, grants, things);
        SseConnection connection = new SseConnection(request.getRemoteAddr() + ":" + request.getRemotePort(), token,
                visibility, async, backlog, frames, this::closed);
        connections.add(connection);
        opened.increment();
        connection.open("retry: 3000\n: connected to CityHub, topics " + filter + "\n\n");
        SubscriptionOptions options = SubscriptionOptions.named("sse " + connection.name())
                .withQueue(queueCapacity, OverflowPolicy.DROP_OLDEST)
                // the bus leaves out what the token may not see before queueing it: other departments' events
                // neither fill this stream's queue nor show as missed
                .accepting(visibility);
        connection.attach(bus.subscribe(filter, connection, resumeAfter < 0 ? options : options.resumingAfter(resumeAfter)));
    }

    private void closed(SseConnection connection) {
        connections.remove(connection);
        if (connection.droppedAsSlow()) {
            droppedAsSlow.increment();
        }
    }

    /** The {@code topics} parameter; a {@code +} typed unescaped in a query arrives as a space and is restored. */
    private static String topics(HttpServletRequest request) {
        String topics = request.getParameter("topics");
        return topics == null || topics.isBlank() ? DEFAULT_TOPICS : topics.replace(' ', '+');
    }

    private static long lastEventId(HttpServletRequest request) throws ProblemException {
        String id = request.getHeader("Last-Event-ID");
        if (id == null || id.isBlank()) {
            return -1;
        }
        try {
            long sequence = Long.parseLong(id.trim());
            if (sequence < 0) {
                throw new NumberFormatException();
            }
            return sequence;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Last-Event-ID must be an event's sequence number (a non-negative"
                    + " integer), was '" + id + "'");
        }
    }
}
