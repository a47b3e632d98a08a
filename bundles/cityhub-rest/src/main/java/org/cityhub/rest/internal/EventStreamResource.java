package org.cityhub.rest.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;

/**
 * {@code GET /api/events}: the bus as Server-Sent Events. {@code ?topics=} takes comma-separated patterns with
 * MQTT wildcards (default: everything); a reconnecting client's {@code Last-Event-ID} replays what it missed.
 */
final class EventStreamResource {

    static final String DEFAULT_TOPICS = "cityhub/#";
    private static final int MAX_PENDING_FRAMES = 5_000;

    private final EventBus bus;
    private final Set<SseConnection> connections = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats;

    EventStreamResource(EventBus bus, int heartbeatSeconds) {
        this.bus = bus;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cityhub-sse-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeats.scheduleAtFixedRate(() -> connections.forEach(SseConnection::heartbeat), heartbeatSeconds,
                heartbeatSeconds, TimeUnit.SECONDS);
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/events", "Follow events as Server-Sent Events", this::stream));
    }

    int clientCount() {
        return connections.size();
    }

    void close() {
        heartbeats.shutdownNow();
        List.copyOf(connections).forEach(SseConnection::close);
    }

    private void stream(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        TopicFilter filter = ThingResource.parse(() -> TopicFilter.parse(topics(request)));
        long resumeAfter = lastEventId(request);
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        SseConnection connection = new SseConnection(request.getRemoteAddr() + ":" + request.getRemotePort(), async,
                MAX_PENDING_FRAMES, connections::remove);
        connections.add(connection);
        connection.open("retry: 3000\n: connected to CityHub, topics " + filter + "\n\n");
        SubscriptionOptions options = SubscriptionOptions.named("sse " + connection.name());
        connection.attach(bus.subscribe(filter, connection, resumeAfter < 0 ? options : options.resumingAfter(resumeAfter)));
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
