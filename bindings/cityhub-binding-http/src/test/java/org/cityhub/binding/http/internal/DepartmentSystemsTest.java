package org.cityhub.binding.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cityhub.binding.http.internal.HttpThings.awaitNextStatus;
import static org.cityhub.binding.http.internal.HttpThings.awaitStatus;
import static org.cityhub.binding.http.internal.HttpThings.channel;
import static org.cityhub.binding.http.internal.HttpThings.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.cityhub.api.ingest.IngestException;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.Text;
import org.cityhub.test.HandlerHarness;
import org.cityhub.test.TestOutboundPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport bureau's arrivals service (a list of stops, OAuth2) and the environment bureau's stations (basic
 * authentication, bad answers), imitated on loopback; and documents pushed to the hub. Commands are in
 * {@link CommandTemplatesTest}.
 */
class DepartmentSystemsTest {

    private static final String ARRIVALS = "{\"line\": \"4\", \"stops\": ["
            + "{\"id\": \"1742\", \"name\": \"Town hall\", \"minutes\": 3, \"delayed\": false},"
            + "{\"id\": \"1743\", \"name\": \"Harbour\", \"minutes\": 7, \"delayed\": true},"
            + "{\"id\": \"1744\", \"name\": \"Museum\", \"minutes\": 12, \"delayed\": false}]}";

    private final HttpThings things = new HttpThings();
    private DepartmentServer transport;
    private DepartmentServer environment;

    @BeforeEach
    void start() throws IOException {
        transport = new DepartmentServer();
        environment = new DepartmentServer();
    }

    @AfterEach
    void stop() {
        transport.close();
        environment.close();
    }

    private static List<Map<String, Object>> stopChannels() {
        return List.of(channel("minutes", "number", "unit", "min", "transform", "jsonpath:$.minutes"),
                channel("delayed", "onoff", "transform", "jsonpath:$.delayed"),
                channel("name", "text", "transform", "jsonpath:$.name"));
    }

    @Test
    void oneRequestFeedsEveryStopOfALine() {
        transport.json("/lines/4/arrivals", ARRIVALS);
        HandlerHarness endpoint = things.endpoint("transport", config("baseUrl", transport.baseUrl()));
        HandlerHarness townHall = things.item(endpoint, "stop-1742", "http:resource:line-4", "1742", stopChannels());
        HandlerHarness harbour = things.item(endpoint, "stop-1743", "http:resource:line-4", "1743", stopChannels());
        HandlerHarness closed = things.item(endpoint, "stop-9999", "http:resource:line-4", "9999", stopChannels());
        HandlerHarness line = things.resource(endpoint, "line-4", "/lines/4/arrivals",
                List.of(channel("line", "text", "transform", "jsonpath:$.line")), "itemsPath", "$.stops", "itemKey", "$.id");

        awaitStatus(line, ThingStatus.ONLINE);
        awaitStatus(townHall, ThingStatus.ONLINE);
        awaitStatus(harbour, ThingStatus.ONLINE);
        awaitStatus(closed, ThingStatus.OFFLINE);

        assertThat(transport.received()).hasSize(1);
        assertThat(line.state("line")).isEqualTo(new Text("4"));
        assertThat(townHall.state("minutes")).isEqualTo(new NumberValue(BigDecimal.valueOf(3), "min"));
        assertThat(townHall.state("name")).isEqualTo(new Text("Town hall"));
        assertThat(harbour.state("delayed")).isEqualTo(OnOff.ON);
        assertThat(closed.status().message()).contains("no element with key '9999'").contains("3 elements");
    }

    @Test
    void anItemOfAnotherDepartmentGetsNothingOfTheResourceItNames() {
        transport.json("/lines/4/arrivals", ARRIVALS);
        HandlerHarness endpoint = things.endpoint("transport", config("baseUrl", transport.baseUrl()));
        HandlerHarness own = things.item(endpoint, "stop-1742", "http:resource:line-4", "1742", stopChannels());
        HandlerHarness foreign = things.item(endpoint, "stop-1743", "http:resource:line-4", "1743", stopChannels(),
                "environment");
        HandlerHarness line = things.resource(endpoint, "line-4", "/lines/4/arrivals",
                List.of(channel("line", "text", "transform", "jsonpath:$.line")), "itemsPath", "$.stops", "itemKey", "$.id");

        awaitStatus(line, ThingStatus.ONLINE);
        awaitStatus(own, ThingStatus.ONLINE);

        // what it is told is what an item naming a resource that does not exist is told
        assertThat(foreign.status().status()).isEqualTo(ThingStatus.UNKNOWN);
        assertThat(foreign.status().message()).isEqualTo("waiting for the next answer of http:resource:line-4");
        assertThat(foreign.statuses()).hasSize(1);
    }

    @Test
    void itemsHearWhenTheirResourceFails() {
        transport.route("/lines/4/arrivals", (exchange, request) -> DepartmentServer.send(exchange, 502, "", ""));
        HandlerHarness endpoint = things.endpoint("transport", config("baseUrl", transport.baseUrl()));
        HandlerHarness stop = things.item(endpoint, "stop-1742", "http:resource:line-4", "1742", stopChannels());
        HandlerHarness line = things.resource(endpoint, "line-4", "lines/4/arrivals", List.of(), "itemsPath", "$.stops");

        awaitStatus(line, ThingStatus.OFFLINE);
        awaitStatus(stop, ThingStatus.OFFLINE);

        assertThat(stop.status().detail()).isEqualTo(ThingStatusDetail.COMMUNICATION_ERROR);
        assertThat(stop.status().message()).contains("http:resource:line-4").contains("HTTP 502");
    }

    @ParameterizedTest(name = "refused with HTTP {0}")
    @ValueSource(ints = {401, 403})
    void oauth2TokensAreSharedAndFetchedAnewWhenRefused(int refusal) {
        AtomicReference<String> valid = new AtomicReference<>("token-1");
        transport.route("/oauth/token", (exchange, request) -> {
            String expected = "Basic " + Base64.getEncoder().encodeToString("hub:s3cret".getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(request.header("Authorization")) || !request.body().contains("grant_type=client_credentials")) {
                DepartmentServer.send(exchange, 401, "application/json", "{\"error\": \"invalid_client\"}");
                return;
            }
            DepartmentServer.send(exchange, 200, "application/json", "{\"access_token\": \"" + valid.get()
                    + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}");
        });
        transport.route("/lines/4/arrivals", (exchange, request) -> {
            if (("Bearer " + valid.get()).equals(request.header("Authorization"))) {
                DepartmentServer.send(exchange, 200, "application/json", ARRIVALS);
            } else {
                DepartmentServer.send(exchange, refusal, "application/json", "{\"error\": \"invalid_token\"}");
            }
        });
        transport.json("/lines/5/arrivals", ARRIVALS);
        HandlerHarness endpoint = things.endpoint("transport", config("baseUrl", transport.baseUrl(),
                "authentication", "oauth2", "tokenUrl", transport.baseUrl() + "oauth/token", "clientId", "hub",
                "clientSecret", "s3cret"));
        List<Map<String, Object>> channels = List.of(channel("line", "text", "transform", "jsonpath:$.line"));
        HandlerHarness line4 = things.resource(endpoint, "line-4", "lines/4/arrivals", channels, "intervalSeconds", 30);
        awaitStatus(line4, ThingStatus.ONLINE);
        HandlerHarness line5 = things.resource(endpoint, "line-5", "lines/5/arrivals", channels);
        awaitStatus(line5, ThingStatus.ONLINE);
        assertThat(transport.received("/oauth/token")).hasSize(1);
        assertThat(transport.received("/lines/5/arrivals").get(0).header("Authorization")).isEqualTo("Bearer token-1");

        valid.set("token-2");
        int before = line4.statuses().size();
        line4.scheduler().advance(Duration.ofSeconds(30));
        awaitNextStatus(line4, before);
        assertThat(line4.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(line4.status().message()).contains("HTTP " + refusal).contains("credentials");

        line4.scheduler().advance(Duration.ofSeconds(60));
        awaitStatus(line4, ThingStatus.ONLINE);
        assertThat(transport.received("/oauth/token")).hasSize(2);
    }

    @Test
    void aRefusedOAuth2ClientIsAConfigurationErrorSayingSo() {
        transport.route("/oauth/token", (exchange, request) -> DepartmentServer.send(exchange, 401, "application/json",
                "{\"error\": \"invalid_client\", \"error_description\": \"unknown client\"}"));
        HandlerHarness endpoint = things.endpoint("transport", config("baseUrl", transport.baseUrl(),
                "authentication", "oauth2", "tokenUrl", transport.baseUrl() + "oauth/token", "clientId", "hub",
                "clientSecret", "wrong"));
        HandlerHarness line = things.resource(endpoint, "line-4", "lines/4/arrivals", List.of());

        awaitStatus(line, ThingStatus.OFFLINE);

        assertThat(line.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(line.status().message()).contains("OAuth2 token request").contains("invalid_client")
                .contains("unknown client").doesNotContain("wrong");
        assertThat(transport.received("/lines/4/arrivals")).isEmpty();
    }

    @Test
    void basicBearerAndApiKeyCredentialsReachTheService() {
        environment.route("/basic", (exchange, request) -> answerIf(exchange, request.header("Authorization"),
                "Basic " + Base64.getEncoder().encodeToString("env:pw".getBytes(StandardCharsets.UTF_8))));
        environment.route("/bearer", (exchange, request) -> answerIf(exchange, request.header("Authorization"),
                "Bearer abc"));
        environment.route("/key", (exchange, request) -> answerIf(exchange, request.header("X-Env-Key"), "k-1"));
        List<Map<String, Object>> channels = List.of(channel("pm25", "number", "transform", "jsonpath:$.pm25"));

        HandlerHarness basic = things.resource(things.endpoint("basic", config("baseUrl", environment.baseUrl(),
                "authentication", "basic", "username", "env", "password", "pw")), "basic", "basic", channels);
        HandlerHarness wrong = things.resource(things.endpoint("wrong", config("baseUrl", environment.baseUrl(),
                "authentication", "basic", "username", "env", "password", "guess")), "wrong", "basic", channels);
        HandlerHarness bearer = things.resource(things.endpoint("bearer", config("baseUrl", environment.baseUrl(),
                "authentication", "bearer", "token", "abc")), "bearer", "bearer", channels);
        HandlerHarness key = things.resource(things.endpoint("key", config("baseUrl", environment.baseUrl(),
                "authentication", "apikey", "apiKeyHeader", "X-Env-Key", "apiKey", "k-1")), "key", "key", channels);

        for (HandlerHarness thing : List.of(basic, bearer, key)) {
            awaitStatus(thing, ThingStatus.ONLINE);
            assertThat(thing.state("pm25")).isEqualTo(new NumberValue(BigDecimal.valueOf(9), null));
        }
        awaitStatus(wrong, ThingStatus.OFFLINE);
        assertThat(wrong.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(wrong.status().message()).contains("HTTP 401").doesNotContain("guess");
    }

    @Test
    void aPathThatLeavesTheEndpointIsAConfigurationError() {
        HandlerHarness endpoint = things.endpoint("environment", config("baseUrl", environment.baseUrl() + "env/v1",
                "authentication", "bearer", "token", "secret-token"));
        List<Map<String, Object>> channels = List.of(channel("pm25", "number", "transform", "jsonpath:$.pm25"));
        for (String path : List.of(transport.baseUrl() + "steal", "//127.0.0.1:1/steal", "../../admin",
                "stations/../../../admin", "%2e%2e/%2E%2E/admin", "..\\..\\admin")) {
            HandlerHarness resource = things.resource(endpoint, "r" + Math.abs(path.hashCode()), path, channels);

            assertThat(resource.status().detail()).as(path).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
            assertThat(resource.status().message()).as(path).contains("path '" + path + "'");
        }
        HandlerHarness lamp = things.resource(endpoint, "lamp", "lamps", List.of(channel("power", "onoff",
                "readOnly", false, "commandPath", "http://elsewhere/lamp")));
        assertThat(lamp.status().message()).contains("commandPath 'http://elsewhere/lamp' must be a path under");
        assertThat(transport.received()).isEmpty();
        assertThat(environment.received()).isEmpty();
    }

    @Test
    void credentialsFollowARedirectWithinTheEndpointButNeverToAnotherOrigin() {
        transport.json("/elsewhere", "{\"pm25\": 3}");
        environment.route("/moved", (exchange, request) -> {
            exchange.getResponseHeaders().set("Location", "/env/stations");
            DepartmentServer.send(exchange, 301, "", "");
        });
        environment.json("/env/stations", "{\"pm25\": 9}");
        environment.route("/away", (exchange, request) -> {
            exchange.getResponseHeaders().set("Location", transport.baseUrl() + "elsewhere");
            DepartmentServer.send(exchange, 302, "", "");
        });
        HandlerHarness endpoint = things.endpoint("environment", config("baseUrl", environment.baseUrl(),
                "authentication", "bearer", "token", "secret-token", "headers", "X-Department-Key: d-7"));
        List<Map<String, Object>> channels = List.of(channel("pm25", "number", "transform", "jsonpath:$.pm25"));

        HandlerHarness moved = things.resource(endpoint, "moved", "moved", channels);
        HandlerHarness away = things.resource(endpoint, "away", "away", channels);

        awaitStatus(moved, ThingStatus.ONLINE);
        awaitStatus(away, ThingStatus.ONLINE);
        assertThat(moved.state("pm25")).isEqualTo(new NumberValue(BigDecimal.valueOf(9), null));
        assertThat(environment.received("/env/stations").get(0).header("Authorization")).isEqualTo("Bearer secret-token");
        assertThat(away.state("pm25")).isEqualTo(new NumberValue(BigDecimal.valueOf(3), null));
        DepartmentServer.Received elsewhere = transport.received("/elsewhere").get(0);
        assertThat(elsewhere.header("Authorization")).isNull();
        assertThat(elsewhere.header("X-Department-Key")).isNull();
    }

    /** Issue 17, item 3: the outbound policy is asked for every request, redirect and token request. */
    @Test
    void theOutboundPolicyDecidesEveryRequestRedirectAndTokenRequest() {
        environment.json("/stations", "{\"pm25\": 9}");
        environment.route("/away", (exchange, request) -> {
            exchange.getResponseHeaders().set("Location", transport.baseUrl().replace("127.0.0.1", "localhost") + "x");
            DepartmentServer.send(exchange, 302, "", "");
        });
        things.outbound.refuse("localhost");
        List<Map<String, Object>> channels = List.of(channel("pm25", "number", "transform", "jsonpath:$.pm25"));
        HandlerHarness endpoint = things.endpoint("environment", config("baseUrl", environment.baseUrl()));
        HandlerHarness stations = things.resource(endpoint, "stations", "stations", channels, "intervalSeconds", 30);
        HandlerHarness away = things.resource(endpoint, "away", "away", channels);
        HandlerHarness refused = things.resource(things.endpoint("internal", config("baseUrl",
                environment.baseUrl().replace("127.0.0.1", "localhost"))), "internal", "stations", channels);
        HandlerHarness token = things.resource(things.endpoint("token", config("baseUrl", environment.baseUrl(),
                "authentication", "oauth2", "tokenUrl", "http://localhost:1/token", "clientId", "hub",
                "clientSecret", "s3cret")), "token", "stations", channels);

        awaitStatus(stations, ThingStatus.ONLINE);
        for (HandlerHarness thing : List.of(away, refused, token)) {
            awaitStatus(thing, ThingStatus.OFFLINE);
            assertThat(thing.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
            assertThat(thing.status().message()).contains("the outbound policy refuses localhost port");
        }
        assertThat(transport.received()).isEmpty();
        assertThat(environment.received("/stations")).hasSize(1);

        things.outbound.refuse("127.0.0.1");
        stations.scheduler().advance(Duration.ofSeconds(30));
        awaitStatus(stations, ThingStatus.OFFLINE);
        assertThat(stations.status().message()).contains("the outbound policy refuses 127.0.0.1 port "
                + environment.baseUrl().replaceAll(".*:(\\d+)/", "$1"));
        assertThat(environment.received("/stations")).hasSize(1);
    }

    @Test
    void anEndpointMissingItsCredentialsSaysWhichAreMissing() {
        HandlerHarness endpoint = things.endpoint("basic", config("baseUrl", environment.baseUrl(), "authentication",
                "basic", "username", "env"));

        assertThat(endpoint.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(endpoint.status().message()).isEqualTo("basic authentication needs 'password'");
    }

    @Test
    void badAnswersAreCountedOnTheThingAndTheOtherChannelsCarryOn() {
        environment.json("/partial", "{\"pm25\": \"n/a\", \"no2\": 40}");
        environment.json("/malformed", "{\"pm25\": 12,");
        environment.route("/html", (exchange, request) -> DepartmentServer.send(exchange, 200, "text/html",
                "<html>maintenance</html>"));
        environment.route("/huge", (exchange, request) -> DepartmentServer.send(exchange, 200, "application/json",
                "{\"pm25\": \"" + "x".repeat(5_000) + "\"}"));
        environment.route("/huge-chunked", (exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (var out = exchange.getResponseBody()) {
                out.write(("{\"pm25\": \"" + "x".repeat(5_000) + "\"}").getBytes(StandardCharsets.UTF_8));
            }
        });
        HandlerHarness endpoint = things.endpoint("environment", config("baseUrl", environment.baseUrl(),
                "maxBodyKilobytes", 1));
        List<Map<String, Object>> channels = List.of(channel("pm25", "number", "transform", "jsonpath:$.pm25"),
                channel("no2", "number", "transform", "jsonpath:$.no2"));

        HandlerHarness partial = things.resource(endpoint, "partial", "partial", channels);
        awaitStatus(partial, ThingStatus.ONLINE);
        assertThat(partial.state("no2")).isEqualTo(new NumberValue(BigDecimal.valueOf(40), null));
        assertThat(partial.states("pm25")).isEmpty();
        assertThat(partial.inputErrors()).singleElement().asString().startsWith("pm25: ").contains("'n/a'");

        HandlerHarness malformed = things.resource(endpoint, "malformed", "malformed", channels);
        awaitStatus(malformed, ThingStatus.OFFLINE);
        assertThat(malformed.status().message()).contains("not JSON");
        assertThat(malformed.inputErrors()).hasSize(1);

        HandlerHarness html = things.resource(endpoint, "html", "html", channels);
        awaitStatus(html, ThingStatus.OFFLINE);
        assertThat(html.status().message()).contains("not JSON").contains("its content type is text/html");
        HandlerHarness strict = things.endpoint("strict", config("baseUrl", environment.baseUrl(),
                "strictContentType", true));
        HandlerHarness strictHtml = things.resource(strict, "strict-html", "html", channels);
        awaitStatus(strictHtml, ThingStatus.OFFLINE);
        assertThat(strictHtml.status().message()).contains("expected JSON, the content type is text/html");

        environment.route("/retired", (exchange, request) -> DepartmentServer.send(exchange, 410, "", ""));
        HandlerHarness retired = things.resource(endpoint, "retired", "retired", channels);
        awaitStatus(retired, ThingStatus.OFFLINE);
        assertThat(retired.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(retired.status().message()).contains("HTTP 410, no such resource");

        for (String path : List.of("huge", "huge-chunked")) {
            HandlerHarness huge = things.resource(endpoint, path, path, channels);
            awaitStatus(huge, ThingStatus.OFFLINE);
            assertThat(huge.status().message()).contains("larger than 1 KiB");
        }
    }

    @Test
    void pushedDocumentsMapAllOrNothingAndTheWatchdogNoticesSilence() throws IngestException {
        IngestThings running = new IngestThings();
        HttpIngestHandler ingest = new HttpIngestHandler(running);
        HandlerHarness gauge = HandlerHarness.start(new HttpHandlerFactory(running, new TestOutboundPolicy()), HttpThings.thing(
                "http:push:gauge-7", null, config("expectEverySeconds", 60, "channels", List.of(
                        channel("level", "number", "unit", "cm", "transform", "jsonpath:$.level_cm"),
                        channel("battery", "number", "unit", "%", "transform", "jsonpath:$.battery")))));
        var thing = gauge.handler().thing();

        assertThat(ingest.map(thing, null, "{\"level_cm\": 182.5, \"battery\": 77}")).containsOnly(
                Map.entry("level", new NumberValue(new BigDecimal("182.5"), "cm")),
                Map.entry("battery", new NumberValue(BigDecimal.valueOf(77), "%")));
        assertThat(ingest.map(thing, null, "{\"level_cm\": 183}")).containsOnlyKeys("level");
        assertThatThrownBy(() -> ingest.map(thing, null, "{\"level_cm\": \"high\", \"battery\": \"low\"}"))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.problems()).hasSize(2)
                        .anySatisfy(p -> assertThat(p).startsWith("channel level: "))
                        .anySatisfy(p -> assertThat(p).startsWith("channel battery: ")));
        assertThatThrownBy(() -> ingest.map(thing, null, "{\"temperature\": 3}")).isInstanceOf(IngestException.class)
                .hasMessageContaining("sets none of the channels [level, battery]");
        assertThatThrownBy(() -> ingest.map(thing, null, "not json")).isInstanceOf(IngestException.class)
                .hasMessageContaining("not JSON");

        gauge.scheduler().advance(Duration.ofSeconds(70));
        assertThat(gauge.status().status()).isEqualTo(ThingStatus.OFFLINE);
        assertThat(gauge.status().message()).contains("no document pushed since");
        ingest.map(thing, null, "{\"level_cm\": 184}");
        assertThat(gauge.status().status()).isEqualTo(ThingStatus.ONLINE);

        gauge.dispose();
        assertThatThrownBy(() -> ingest.map(thing, null, "{\"level_cm\": 185}")).isInstanceOf(IngestException.class)
                .hasMessageContaining("is not running");
    }

    private static void answerIf(com.sun.net.httpserver.HttpExchange exchange, String actual, String expected)
            throws IOException {
        if (expected.equals(actual)) {
            DepartmentServer.send(exchange, 200, "application/json", "{\"pm25\": 9}");
        } else {
            DepartmentServer.send(exchange, 401, "application/json", "{\"error\": \"who are you?\"}");
        }
    }
}
