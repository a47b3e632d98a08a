package org.cityhub.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many clients at the end of a stream, each counting every event it gets: SSE clients of the hub as departments
 * run them, or WebSocket clients of a peer (Node-RED's {@code websocket out} sending whole messages). Events carry
 * a number per thing (a signal counter's value, or the {@code seq} a device put in its message) and a send time
 * (the device's {@code sent}, in epoch microseconds, or else the hub's {@code updated} time of the state): a gap in
 * a thing's numbers is an event lost, {@code missed} frames say how many were announced, and receipt minus send
 * time, on the machine's one wall clock, is the latency. A thing is named by its UID on the hub, by its MQTT topic
 * on a peer.
 */
public final class StreamFleet {

    private final List<Client> clients = new ArrayList<>();
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final LongAdder delivered = new LongAdder();
    private volatile boolean measuring;

    /** Opens one stream for the token and topic filter; it counts from its first event. */
    public void open(HttpClient http, HubProcess hub, String token, String topics) {
        Client client = new Client();
        clients.add(client);
        http.sendAsync(hub.request("/events?topics=" + URLEncoder.encode(topics, StandardCharsets.UTF_8))
                .setHeader("Authorization", "Bearer " + token).build(), info -> {
                    if (info.statusCode() != 200) {
                        client.refused = info.statusCode();
                        return HttpResponse.BodySubscribers.replacing(null);
                    }
                    return HttpResponse.BodySubscribers.fromLineSubscriber(new SseFrameReader(client::frame));
                });
    }

    /**
     * Opens a WebSocket to a peer that sends each MQTT message whole, as JSON with its {@code topic} and its
     * {@code payload} text; it counts from its first message of each thing.
     */
    public void openWebSocket(HttpClient http, URI uri) throws InterruptedException {
        Client client = new Client();
        clients.add(client);
        try {
            http.newWebSocketBuilder().buildAsync(uri, new WebSocketReader(client)).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no WebSocket at " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Starts (or restarts) the latency, delivery and per-thing counts, after a warm-up or between steps. */
    public void measure() {
        latencies.reset();
        delivered.reset();
        for (Client client : clients) {
            client.mark();
        }
        measuring = true;
    }

    /** Events each thing's clients received since {@link #measure()}, by thing. */
    public Map<String, Long> receivedByThingSinceMeasuring() {
        Map<String, Long> received = new HashMap<>();
        for (Client client : clients) {
            synchronized (client) {
                client.things.forEach((thing, seen) -> received.merge(thing, seen[3], Long::sum));
            }
        }
        return received;
    }

    /**
     * Waits until the clients received as many events as were sent since {@link #measure()}, or nothing more
     * arrived for 3 s (at most 120 s); returns what each thing's clients received.
     */
    public Map<String, Long> awaitDrained(long sent) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long lastTotal = -1;
        long lastChange = System.nanoTime();
        while (true) {
            Map<String, Long> received = receivedByThingSinceMeasuring();
            long total = received.values().stream().mapToLong(Long::longValue).sum();
            if (total >= sent || System.nanoTime() > deadline
                    || System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(3)) {
                return received;
            }
            if (total != lastTotal) {
                lastTotal = total;
                lastChange = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling a condition with a deadline
        }
    }

    /** Events announced as left out ({@code missed} frames) since {@link #measure()}. */
    public long announcedSinceMeasuring() {
        long announced = 0;
        for (Client client : clients) {
            synchronized (client) {
                announced += client.announced - client.announcedAtMark;
            }
        }
        return announced;
    }

    /** Events received by all clients since {@link #measure()}. */
    public long deliveredSinceMeasuring() {
        return delivered.sum();
    }

    /** The latency percentile in milliseconds since {@link #measure()}. */
    public double latencyMillis(double fraction) {
        return latencies.percentileMillis(fraction);
    }

    /** The statuses of the refused streams, by how many got each. */
    public Map<Integer, Long> refusals() {
        return clients.stream().filter(c -> c.refused != 0).collect(java.util.stream.Collectors.groupingBy(
                c -> c.refused, java.util.stream.Collectors.counting()));
    }

    /** Streams the hub refused (status other than 200). */
    public long refused() {
        return clients.stream().filter(c -> c.refused != 0).count();
    }

    /**
     * What the clients got of what was sent, counted from each client's first event of each thing up to the last
     * number sent for that thing.
     *
     * @param lastSent the last number sent, by thing UID
     */
    public Tally tally(Map<String, Long> lastSent) {
        long expected = 0;
        long received = 0;
        long announced = 0;
        long disordered = 0;
        long silent = 0;
        for (Client client : clients) {
            synchronized (client) {
                if (client.things.isEmpty()) {
                    silent++;
                }
                for (Map.Entry<String, long[]> thing : client.things.entrySet()) {
                    long[] seen = thing.getValue(); // {first, last, count}
                    expected += lastSent.getOrDefault(thing.getKey(), seen[1]) - seen[0] + 1;
                    received += seen[2];
                }
                announced += client.announced;
                disordered += client.disordered;
            }
        }
        return new Tally(clients.size(), silent, expected, received, announced, disordered);
    }

    /**
     * What the fleet got.
     *
     * @param clients streams opened
     * @param silent streams that got no event at all
     * @param expected events sent to the streams (from each one's first event of a thing)
     * @param received events received
     * @param announced events announced as left out by {@code missed} frames
     * @param disordered events whose number was not above the last of their thing
     */
    public record Tally(long clients, long silent, long expected, long received, long announced, long disordered) {

        /** Events neither received nor announced: lost without a word. */
        public long unannounced() {
            return expected - received - announced;
        }
    }

    /** One stream's counts; its frames arrive one at a time on the HTTP client's threads. */
    private final class Client {
        private final Map<String, long[]> things = new HashMap<>(); // {first, last, count, count since the mark}
        private long announced;
        private long announcedAtMark;
        private long disordered;
        private long unreadable;
        private volatile int refused;

        synchronized void frame(String event, String data) {
            try {
                count(event, data);
            } catch (RuntimeException e) { // a frame the fleet cannot read must not end the stream unseen
                if (unreadable++ == 0) {
                    System.err.println("an SSE frame could not be read: " + e + " in " + data);
                }
            }
        }

        private void count(String event, String data) {
            if ("missed".equals(event)) {
                announced += number(data, "\"count\":");
                return;
            }
            if (!"state".equals(event)) {
                return;
            }
            long now = epochMicros(Instant.now());
            String thing = text(data, "\"thingUID\":\"");
            int value = data.indexOf("\"value\":") + 8;
            if (data.charAt(value) == '"') { // a device's text: {"seq": n, "sent": micros}
                record(thing, number(data, "seq\\\":"), number(data, "sent\\\":"), now);
            } else {
                record(thing, number(data, "\"value\":"), epochMicros(Instant.parse(text(data, "\"updated\":\""))), now);
            }
        }

        /** A peer's whole MQTT message: {"topic": "...", "payload": "{\"seq\": n, \"sent\": micros}", ...}. */
        synchronized void message(String json) {
            try {
                long now = epochMicros(Instant.now());
                record(text(json, "\"topic\":\""), number(json, "seq\\\":"), number(json, "sent\\\":"), now);
            } catch (RuntimeException e) {
                if (unreadable++ == 0) {
                    System.err.println("a WebSocket message could not be read: " + e + " in " + json);
                }
            }
        }

        private void record(String thing, long sequence, long sent, long now) {
            long[] seen = things.computeIfAbsent(thing, t -> new long[] { sequence, sequence - 1, 0, 0 });
            if (sequence <= seen[1]) {
                disordered++;
            }
            seen[1] = Math.max(seen[1], sequence);
            seen[2]++;
            seen[3]++;
            if (measuring) {
                latencies.record(now - sent);
                delivered.increment();
            }
        }

        synchronized void mark() {
            things.values().forEach(seen -> seen[3] = 0);
            announcedAtMark = announced;
        }
    }

    /** Hands each whole text message of a WebSocket to its client, asking for the next one after it. */
    private static final class WebSocketReader implements WebSocket.Listener {
        private final Client client;
        private final StringBuilder partial = new StringBuilder();

        WebSocketReader(Client client) {
            this.client = client;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                client.message(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }

    private static long epochMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private static String text(String data, String key) {
        int start = data.indexOf(key) + key.length();
        return data.substring(start, data.indexOf('"', start));
    }

    private static long number(String data, String key) {
        int start = data.indexOf(key) + key.length();
        while (data.charAt(start) == ' ') {
            start++;
        }
        int end = start;
        while (end < data.length() && (Character.isDigit(data.charAt(end)) || data.charAt(end) == '-')) {
            end++;
        }
        return Long.parseLong(data, start, end, 10);
    }

    /** Creates a token through the API (admins do so over REST), retrying after a 429 as its answer says. */
    public static String token(HttpClient http, HubProcess hub, String name, String role, String departments)
            throws IOException, InterruptedException {
        String body = "{\"name\": \"" + name + "\", \"role\": \"" + role + "\", \"departments\": \"" + departments + "\"}";
        while (true) {
            HttpResponse<String> response = http.send(hub.request("/tokens").header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return text(response.body(), "\"token\":\"");
            }
            if (response.statusCode() != 429) {
                throw new IllegalStateException("POST /tokens answered " + response.statusCode() + ": " + response.body());
            }
            long wait = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
            Thread.sleep(wait * 1000); // the hub's rate limit asked for it
        }
    }
}
