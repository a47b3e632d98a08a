package org.cityhub.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
    record Answer(int status, String contentType, JsonNode body, java.net.http.HttpHeaders headers) {

        String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    /** A GET whose body is text, not JSON. */
    String getText(String path) {
        try {
            return http.send(authorized(HttpRequest.newBuilder(URI.create(base + path))).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
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
            String id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty() && event != null) {
                        frames.add(new SseFrame(id, event, data.toString()));
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
            } catch (IOException e) {
                // the stream was closed
            }
        }

        long count(String event) {
            return frames.stream().filter(f -> f.event().equals(event)).count();
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
