package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingUID;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The http binding in the distribution: the environment bureau's station service (imitated on loopback with the
 * JDK's HTTP server) connected by a things file alone, its data on /api/things and /api/events next to the demo
 * city's; and a department's system pushing documents to /api/ingest with its own token.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HttpBindingIT extends HubTestSupport {

    private static final ThingUID STATIONS = ThingUID.parse("http:resource:stations");
    private static final ThingUID W1 = ThingUID.parse("http:item:station-w-1");
    private static final ThingUID GAUGE = ThingUID.parse("http:push:gauge-7");

    @Inject
    private ThingRegistry things;

    @Inject
    private SessionFactory sessions;

    private HttpServer environment;
    private final AtomicReference<String> stations = new AtomicReference<>();
    private final List<String> conditional = new CopyOnWriteArrayList<>();

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options();
    }

    @Before
    public void startTheEnvironmentBureausService() throws IOException {
        stations.set(stations(120, 80));
        environment = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        environment.createContext("/env/v1/stations", this::answerStations);
        environment.start();
    }

    @After
    public void stopTheService() throws IOException {
        Files.deleteIfExists(thingsFile());
        environment.stop(0);
    }

    @Test
    public void aThingsFileConnectsADepartmentServiceWhoseDataReachesTheApiAndTheEventStream() throws Exception {
        try (HubClient.SseRecorder events = hub.record("?topics=cityhub/things/" + W1 + "/channels/pm25/state")) {
            Files.writeString(thingsFile(), thingsFile(environment.getAddress().getPort()));

            await("station w-1 online").atMost(PATIENCE).until(() -> things.getStatus(W1).status() == ThingStatus.ONLINE);
            JsonNode w1 = hub.get("/things/" + W1).body();
            assertThat(w1.at("/states/pm25/value").decimalValue()).isEqualByComparingTo("12");
            assertThat(w1.at("/states/pm25/unit").asText()).isEqualTo("µg/m³");
            assertThat(w1.at("/status/status").asText()).isEqualTo("ONLINE");
            await("state event").atMost(PATIENCE).until(() -> events.count("state") >= 1);
            assertThat(events.frames.get(0).data()).contains("\"thingUID\":\"" + W1 + "\"");

            stations.set(stations(255, 80));
            await("new value").atMost(PATIENCE).until(() -> hub.get("/things/" + W1).body()
                    .at("/states/pm25/value").decimalValue().compareTo(new java.math.BigDecimal("25.5")) == 0);
            await("a conditional request answered 304").atMost(PATIENCE).until(() -> !conditional.isEmpty());
        }
        String environmentViewer = token(Role.VIEWER, DepartmentScope.parse("environment"));
        assertThat(hub.as(environmentViewer).get("/things?department=environment&binding=http").body().size())
                .isEqualTo(4);
        assertThat(hub.get("/things/simulator:streetlight:market-square").body().at("/status/status").asText())
                .isEqualTo("ONLINE");

        stations.set("{\"stations\": [{\"id\": \"w-1\", \"pm25\": ");
        await("malformed answer reported").atMost(PATIENCE)
                .until(() -> hub.get("/things/" + STATIONS).body().at("/inputErrors/count").asInt() >= 1);
        JsonNode resource = hub.get("/things/" + STATIONS).body();
        assertThat(resource.at("/status/status").asText()).isEqualTo("OFFLINE");
        assertThat(resource.at("/status/message").asText()).contains("not JSON");
        assertThat(resource.at("/inputErrors/last").asText()).contains("not JSON");
        assertThat(ConsoleSession.execute(sessions, "cityhub:thing " + STATIONS)).contains("Input errors");
        await("items hear of it").atMost(PATIENCE).until(() -> things.getStatus(W1).status() == ThingStatus.OFFLINE);

        stations.set(stations(130, 80));
        await("back by itself").atMost(PATIENCE).until(() -> things.getStatus(W1).status() == ThingStatus.ONLINE);
    }

    @Test
    public void departmentsPushDocumentsThatAreRecordedAllOrNothing() throws Exception {
        assertThat(hub.postJson("/things", "{\"uid\": \"" + GAUGE + "\", \"label\": \"Gauge 7\", \"department\":"
                + " \"water\", \"configuration\": {\"channels\": ["
                + "{\"id\": \"level\", \"itemType\": \"number\", \"unit\": \"cm\", \"transform\": \"jsonpath:$.level_cm\"},"
                + "{\"id\": \"battery\", \"itemType\": \"number\", \"unit\": \"%\", \"transform\": \"jsonpath:$.battery\"}"
                + "]}}").status()).isEqualTo(201);
        await("gauge online").atMost(PATIENCE).until(() -> things.getStatus(GAUGE).status() == ThingStatus.ONLINE);
        HubClient water = hub.as(token(Role.OPERATOR, DepartmentScope.parse("water")));

        HubClient.Answer accepted = water.postJson("/ingest/" + GAUGE, "{\"level_cm\": 182.5, \"battery\": 77}");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().at("/states/level/value").decimalValue()).isEqualByComparingTo("182.5");
        assertThat(hub.get("/things/" + GAUGE + "/channels/battery/state").body().get("value").asInt()).isEqualTo(77);

        HubClient.Answer refused = water.postJson("/ingest/" + GAUGE, "{\"level_cm\": \"high\", \"battery\": \"low\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("violations")).hasSize(2);
        assertThat(refused.body().get("detail").asText()).contains("nothing was recorded");

        HubClient.Answer batch = water.postJson("/ingest", "{\"" + GAUGE + "\": {\"level_cm\": 190},"
                + " \"http:push:nowhere\": {\"level_cm\": 1}}");
        assertThat(batch.status()).isEqualTo(400);
        assertThat(batch.body().get("violations").toString()).contains("http:push:nowhere: no such thing");
        assertThat(hub.get("/things/" + GAUGE + "/channels/level/state").body().get("value").decimalValue())
                .isEqualByComparingTo("182.5");

        assertThat(water.postJson("/ingest", "{\"" + GAUGE + "\": {\"level_cm\": 190}}").status()).isEqualTo(200);
        assertThat(hub.get("/things/" + GAUGE + "/channels/level/state").body().get("value").intValue()).isEqualTo(190);

        assertThat(hub.as(token(Role.VIEWER, DepartmentScope.parse("water"))).postJson("/ingest/" + GAUGE,
                "{\"level_cm\": 1}").status()).isEqualTo(403);
        assertThat(hub.as(token(Role.OPERATOR, DepartmentScope.parse("transport"))).postJson("/ingest/" + GAUGE,
                "{\"level_cm\": 1}").status()).isEqualTo(404);
        HubClient.Answer notPushed = hub.postJson("/ingest/simulator:streetlight:market-square", "{\"power\": \"ON\"}");
        assertThat(notPushed.status()).isEqualTo(409);
        assertThat(notPushed.body().get("detail").asText()).contains("takes no pushed documents");
        assertThat(hub.get("/audit?limit=20").body().toString()).contains("/api/ingest/" + GAUGE);
    }

    private static String stations(int w1Tenths, int w2Tenths) {
        return "{\"stations\": [{\"id\": \"w-1\", \"pm25\": " + w1Tenths + "}, {\"id\": \"w-2\", \"pm25\": " + w2Tenths
                + "}], \"count\": 2}";
    }

    private void answerStations(HttpExchange exchange) throws IOException {
        String body = stations.get();
        String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
        try (exchange) {
            if (!"k-1".equals(exchange.getRequestHeaders().getFirst("X-Env-Key"))) {
                send(exchange, 401, "{\"error\": \"unknown key\"}");
            } else if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                conditional.add(etag);
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.getResponseHeaders().set("ETag", etag);
                send(exchange, 200, body);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Path thingsFile() {
        return Path.of(System.getProperty("karaf.etc"), "things", "environment-bureau.json");
    }

    private static String thingsFile(int port) {
        return "{\"things\": [\n"
                + "  {\"uid\": \"http:endpoint:environment\", \"label\": \"Environment bureau\", \"department\": \"environment\","
                + "   \"configuration\": {\"baseUrl\": \"http://127.0.0.1:" + port + "/env/v1/\", \"authentication\": \"apikey\","
                + "   \"apiKeyHeader\": \"X-Env-Key\", \"apiKey\": \"k-1\"}},\n"
                + "  {\"uid\": \"" + STATIONS + "\", \"label\": \"All stations\", \"department\": \"environment\","
                + "   \"bridgeUID\": \"http:endpoint:environment\", \"configuration\": {\"path\": \"stations\","
                + "   \"intervalSeconds\": 1, \"itemsPath\": \"$.stations\", \"channels\": ["
                + "   {\"id\": \"count\", \"itemType\": \"number\", \"transform\": \"jsonpath:$.count\"}]}},\n"
                + station("w-1") + ",\n" + station("w-2") + "\n]}";
    }

    private static String station(String id) {
        return "  {\"uid\": \"http:item:station-" + id + "\", \"label\": \"Station " + id + "\", \"department\":"
                + " \"environment\", \"bridgeUID\": \"http:endpoint:environment\", \"configuration\": {\"resource\": \""
                + STATIONS + "\", \"key\": \"" + id + "\", \"channels\": [{\"id\": \"pm25\", \"itemType\": \"number\","
                + " \"unit\": \"µg/m³\", \"transform\": [\"jsonpath:$.pm25\", \"scale:0.1\"]}]}}";
    }
}
