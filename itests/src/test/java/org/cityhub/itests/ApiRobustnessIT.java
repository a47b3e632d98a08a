package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Garbage at every route, as an admin (who may do most): malformed JSON, wrong types, huge and deeply nested
 * bodies, invalid UIDs and path traversal. Each answer is a 4xx {@code application/problem+json}, and the hub's
 * state (its backup archive: managed things, tokens, inbox, configuration) is exactly what it was.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ApiRobustnessIT extends HubTestSupport {

    private static final List<String> BAD_BODIES = List.of("{\"uid\": ", "[1, 2, 3]", "\"just text\"", "null", "42",
            "{\"uid\": 5, \"label\": [], \"thingTypeUID\": {}, \"command\": {\"value\": \"x\"}, \"state\": [],"
                    + " \"enabled\": \"yes\", \"name\": 7, \"role\": null, \"feature\": 1, \"schemaVersion\": \"one\"}",
            "[".repeat(5_000) + "]".repeat(5_000),
            "{\"label\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}",
            "{\"a\":" .repeat(2_000) + "1" + "}".repeat(2_000),
            // numbers that are a few bytes as tokens and a gigabyte written out plain
            "{\"command\": 1e999999999, \"state\": {\"type\": \"number\", \"value\": 1e999999999},"
                    + " \"uid\": \"simulator:streetlight:huge\", \"label\": \"x\","
                    + " \"configuration\": {\"intervalSeconds\": 1e999999999}}",
            "{\"command\": -1E-999999999}", "{\"command\": " + "9".repeat(900) + "}",
            "{\"name\": \"forever\", \"role\": \"viewer\", \"departments\": \"water\", \"expires\": \"999999999d\"}",
            // numbers JSON does not have, and control characters where identifiers go (issue 17, robustness)
            "{\"command\": NaN, \"state\": Infinity, \"uid\": \"simulator:streetlight:nan\", \"label\": \"x\"}",
            "{\"command\": \"NaN\", \"state\": {\"type\": \"number\", \"value\": \"-Infinity\"}, \"uid\":"
                    + " \"simulator:streetlight:a\\u0000b\", \"label\": \"x\\ny\", \"name\": \"a\\nb\","
                    + " \"role\": \"viewer\\u0000\", \"feature\": \"cityhub-binding-\\u0000\"}");

    /** A JSON string holding bytes that are not UTF-8 (a lone continuation byte and a truncated sequence). */
    private static final byte[] NOT_UTF8 = { '{', '"', 'u', 'i', 'd', '"', ':', ' ', '"', (byte) 0x80, 'a', (byte) 0xC3,
            '"', ',', ' ', '"', 'c', 'o', 'm', 'm', 'a', 'n', 'd', '"', ':', ' ', '"', (byte) 0xE2, (byte) 0x82, '"', '}' };

    private static final List<String> BAD_SEGMENTS = List.of("a:b", "not-a-uid", "..%2F..%2Fetc%2Fpasswd",
            "%2e%2e%2f%2e%2e%2fbindings", "x%22%3E%3Cscript%3E", "%27%20OR%201%3D1", "UPPER:Case:ID", "a".repeat(2_000));

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options();
    }

    @Test
    public void garbageBodiesAreRefusedWithAProblemAndChangeNothing() throws IOException {
        String before = snapshot();
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations()) {
            if (!operation.hasBody()) {
                continue;
            }
            for (String body : BAD_BODIES) {
                HubClient.Answer answer = hub.sendExpectingContinue(operation.method(), operation.sample(),
                        body.getBytes(StandardCharsets.UTF_8));
                check(operation + " with " + abbreviate(body), answer, wrong);
            }
            check(operation + " with bytes that are not UTF-8", hub.sendExpectingContinue(operation.method(),
                    operation.sample(), NOT_UTF8), wrong);
            HubClient.Answer xml = hub.send(HttpRequest.newBuilder(hub.uri(operation.sample()))
                    .header("Content-Type", "application/xml")
                    .method(operation.method(), HttpRequest.BodyPublishers.ofString("<thing/>")));
            check(operation + " with XML", xml, wrong);
            assertThat(xml.status()).as(operation + " with XML").isEqualTo(415);
        }
        assertThat(wrong).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    public void invalidIdentifiersAndTraversalAreRefusedWithAProblemAndChangeNothing() {
        String before = snapshot();
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations()) {
            if (!operation.path().contains("{")) {
                continue;
            }
            for (String segment : BAD_SEGMENTS) {
                String path = operation.path().replaceAll("\\{[a-z]+\\}", segment);
                HubClient.Answer answer = hub.send(HttpRequest.newBuilder(URI.create(hub.uri("").toString() + path))
                        .header("Content-Type", "application/json")
                        .method(operation.method(), HttpRequest.BodyPublishers.ofString("{}")));
                check(operation.method() + " " + abbreviate(path), answer, wrong);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    public void badQueryParametersAreRefusedWithAProblem() {
        List<String> wrong = new ArrayList<>();
        for (String query : List.of("/things?limit=-1", "/things?limit=abc", "/things?offset=x", "/things?status=SLEEPY",
                "/things?bbox=1,2,3", "/things?thingType=%3A%3A", "/audit?since=yesterday", "/audit?limit=0",
                "/events?topics=a/%23/b", "/events?topics=cityhub/%23%0Adata:%20%7B%7D", "/things?offset=99999999999")) {
            check("GET " + query, hub.get(query), wrong);
        }
        assertThat(wrong).isEmpty();
        HubClient.Answer huge = hub.postJson("/things/simulator:streetlight:harbour-1/channels/brightness/command",
                "{\"command\": 1e999999999}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body().get("detail").asText()).startsWith("the body is refused: the number 1E+999999999 is"
                + " out of range");
        HubClient.Answer farPage = hub.get("/things?offset=2147483647&limit=1000");
        assertThat(farPage.status()).as("an offset near the largest int does not wrap around").isEqualTo(200);
        assertThat(farPage.header("Link")).isNullOrEmpty();
    }

    @Test
    public void oversizedHeadersAreRefusedByTheWebServer() {
        HubClient.Answer answer = hub.send(HttpRequest.newBuilder(hub.uri("/things?limit=1"))
                .header("X-Padding", "x".repeat(64 * 1024)));
        assertThat(answer.status()).isEqualTo(431);
        assertThat(hub.get("/things?limit=1").status()).isEqualTo(200);
    }

    private static void check(String what, HubClient.Answer answer, List<String> wrong) {
        boolean clientError = answer.status() >= 400 && answer.status() < 500;
        boolean problem = answer.contentType().startsWith("application/problem+json")
                && answer.body().path("status").asInt() == answer.status()
                && !answer.body().path("detail").asText().isBlank();
        if (!clientError || !problem) {
            wrong.add(what + " -> " + answer.status() + " " + answer.contentType() + " " + answer.body());
        }
    }

    /** The hub's state as its backup archive holds it, without the archive's creation time. */
    private String snapshot() {
        ObjectNode archive = (ObjectNode) hub.get("/backup").body();
        archive.remove("created");
        return archive.toString();
    }

    private record Operation(String method, String path, boolean hasBody) {
        /** The path with harmless values: things that exist but are defined by files, names that do not exist. */
        String sample() {
            return path.replace("{uid}", path.startsWith("/things") || path.startsWith("/ingest") ? "simulator:streetlight:harbour-1"
                    : "simulator:streetlight:not-discovered").replace("{channel}", "brightness")
                    .replace("{id}", "not-installed").replace("{name}", "not-a-token");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        JsonNode paths = hub.get("/openapi.json").body().get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext();) {
            Map.Entry<String, JsonNode> path = p.next();
            path.getValue().fields().forEachRemaining(operation -> operations.add(new Operation(
                    operation.getKey().toUpperCase(), path.getKey(), operation.getValue().has("requestBody"))));
        }
        return operations;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "… (" + text.length() + " chars)";
    }
}
