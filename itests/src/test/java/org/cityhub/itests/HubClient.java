package org.cityhub.itests;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Talks to the hub under test over real HTTP on loopback, as a department's client would, sending its bearer token
 * with every request.
 */
final class HubClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient SHARED = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpClient http;
    private final String base;
    private final String token;

    /** A client with a token; null for none. */
    HubClient(int port, String token) {
        this(SHARED, "http://127.0.0.1:" + port + "/api", token);
    }

    HubClient(HttpClient http, String base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** The same hub, with another token (null: none). */
    HubClient as(String otherToken) {
        return new HubClient(http, base, otherToken);
    }

    /** A response: status, content type and body parsed as JSON. */
    record Answer(int status, String contentType, JsonNode body, HttpHeaders headers) {

        String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    /** A GET whose body is text, not JSON. */
    String getText(String path) {
        return getText(path, "*/*");
    }

    /** A GET whose body is text, asking for the given media type. */
    String getText(String path, String accept) {
        try {
            return http.send(authorized(HttpRequest.newBuilder(URI.create(base + path))).header("Accept", accept)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer postJson(String path, String json) {
        return withBody("POST", path, json);
    }

    Answer putJson(String path, String json) {
        return withBody("PUT", path, json);
    }

    /** A request with any method and an empty JSON body. */
    Answer send(String method, String path) {
        return withBody(method, path, "");
    }

    Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    private Answer withBody(String method, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Sends a request built by the caller, with this client's token; the body is parsed as JSON if it is JSON. */
    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(authorized(request).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Answer(response.statusCode(), type,
                    body.isEmpty() || !type.contains("json") ? JSON.nullNode() : JSON.readTree(body), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a body the way careful clients send large ones, with {@code Expect: 100-continue}: the body goes out
     * only if the hub asks for it, so that a body refused from its length alone is answered rather than cut off.
     * Over a plain socket, because the JDK 17 client waits forever for a 100 that a refusal never sends.
     */
    Answer sendExpectingContinue(String method, String path, byte[] body) throws IOException {
        URI uri = uri(path);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Content-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            RawResponse response = RawResponse.read(in);
            if (response.status() == 100) {
                out.write(body);
                out.flush();
                response = RawResponse.read(in);
            }
            String type = response.headers().getOrDefault("content-type", "");
            return new Answer(response.status(), type, type.contains("json") ? JSON.readTree(response.body())
                    : JSON.nullNode(), HttpHeaders.of(Map.of(), (a, b) -> true));
        }
    }

    /** A response read off a socket: status, headers (lower-case names) and body. */
    private record RawResponse(int status, Map<String, String> headers, byte[] body) {

        static RawResponse read(DataInputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            byte[] body = new byte[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
            in.readFully(body);
            return new RawResponse(status, headers, body);
        }

        private static String line(DataInputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the connection closed mid-response");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    /** A metric's value from {@code /api/metrics} (Prometheus text), or -1 if the hub has no such line. */
    double metric(String name) {
        return getText("/metrics").lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(name.length() + 1))).orElse(-1.0);
    }

    /** The URI of a path of the API, for requests built by a test. */
    URI uri(String path) {
        return URI.create(base + path);
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** A frame of an SSE stream: its id, event type and data lines. */
    record SseFrame(String id, String event, String data) {
    }

    /**
     * Opens {@code /api/events} and waits for a frame that matches, failing if none does within 30 s.
     *
     * @param lastEventId sent as {@code Last-Event-ID} unless null
     */
    SseFrame awaitEvent(String query, String lastEventId, Predicate<SseFrame> wanted) throws IOException {
        try (SseRecorder recorder = record(query, lastEventId)) {
            return Awaitility.await("an SSE frame").atMost(Duration.ofSeconds(30))
                    .until(() -> recorder.frames.stream().filter(wanted).findFirst(), Optional::isPresent).get();
        }
    }

    /** Opens an SSE stream and records its frames on a thread of its own until closed. */
    SseRecorder record(String query) throws IOException {
        return record(query, null);
    }

    SseRecorder record(String query, String lastEventId) throws IOException {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(base + "/events" + query)));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new SseRecorder(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The frames of one SSE stream, as they arrive. */
    static final class SseRecorder implements AutoCloseable {
        final List<SseFrame> frames = new CopyOnWriteArrayList<>();
        /** Set once the hub closed the stream (or the test did). */
        volatile boolean ended;
        private final InputStream stream;
        private final Thread reader;

        SseRecorder(InputStream stream) {
            this.stream = stream;
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            this.reader = new Thread(() -> read(lines), "sse-recorder");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(BufferedReader lines) {
            try {
                readFrames(lines, frames::add);
            } catch (IOException e) {
                // the stream was closed
            }
            ended = true;
        }

        long count(String event) {
            return frames.stream().filter(f -> f.event().equals(event)).count();
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    /** Hands each SSE frame of the stream to the sink, until the stream ends. */
    static void readFrames(BufferedReader lines, Consumer<SseFrame> sink) throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty() && event != null) {
                sink.accept(new SseFrame(id, event, data.toString()));
                id = null;
                event = null;
                data.setLength(0);
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            }
        }
    }

    /** Opens an SSE stream that only counts its frames (for many clients and long floods), on a thread of its own. */
    SseCounter count(String query) throws IOException {
        try {
            HttpResponse<InputStream> response = http.send(authorized(HttpRequest.newBuilder(URI.create(base
                    + "/events" + query))).build(), HttpResponse.BodyHandlers.ofInputStream());
            return new SseCounter(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Counts one stream's frames by event type, and the events its {@code missed} frames announce. */
    static final class SseCounter implements AutoCloseable {
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        private final LongAdder announcedMissing = new LongAdder();
        private final LongAdder disordered = new LongAdder();
        private final InputStream stream;
        private long lastId; // the reader thread's

        SseCounter(InputStream stream) {
            this.stream = stream;
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            Thread reader = new Thread(() -> {
                try {
                    readFrames(lines, this::count);
                } catch (IOException e) {
                    // the stream was closed
                }
            }, "sse-counter");
            reader.setDaemon(true);
            reader.start();
        }

        private void count(SseFrame frame) {
            counts.computeIfAbsent(frame.event(), e -> new LongAdder()).increment();
            if ("missed".equals(frame.event())) {
                announcedMissing.add(parse(frame.data()).get("count").asLong());
            }
            if (frame.id() != null) {
                long id = Long.parseLong(frame.id());
                if (id <= lastId) {
                    disordered.increment();
                }
                lastId = id;
            }
        }

        long count(String event) {
            LongAdder count = counts.get(event);
            return count == null ? 0 : count.sum();
        }

        /** Events the stream's {@code missed} frames said it left out. */
        long announcedMissing() {
            return announcedMissing.sum();
        }

        /** Frames whose id was not above the one before. */
        long disordered() {
            return disordered.sum();
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
