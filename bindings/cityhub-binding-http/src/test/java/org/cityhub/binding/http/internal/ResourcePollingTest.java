package org.cityhub.binding.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityhub.binding.http.internal.HttpThings.awaitNextStatus;
import static org.cityhub.binding.http.internal.HttpThings.awaitStatus;
import static org.cityhub.binding.http.internal.HttpThings.channel;
import static org.cityhub.binding.http.internal.HttpThings.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.types.DateTimeValue;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.Text;
import org.cityhub.test.HandlerHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Polled resources against the environment bureau's station service, imitated on loopback. */
class ResourcePollingTest {

    private static final String STATION = "{\"station\": \"w-1\", \"pm25\": 123, \"no2\": {\"value\": 41.5},"
            + " \"fan\": \"1\", \"measured\": \"2026-06-01T07:59:00Z\", \"note\": \"calm\"}";

    private final HttpThings things = new HttpThings();
    private DepartmentServer environment;

    @BeforeEach
    void start() throws IOException {
        environment = new DepartmentServer();
    }

    @AfterEach
    void stop() {
        environment.close();
    }

    private HandlerHarness endpoint(Object... more) {
        Object[] base = { "baseUrl", environment.baseUrl() + "env/v1", "headers", "X-Client: cityhub\nAccept-Language: en" };
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return things.endpoint("environment", config(all));
    }

    private static List<java.util.Map<String, Object>> stationChannels() {
        return List.of(
                channel("pm25", "number", "unit", "µg/m³", "transform", List.of("jsonpath:$.pm25", "scale:0.1")),
                channel("no2", "number", "unit", "µg/m³", "transform", "jsonpath:$.no2.value"),
                channel("fan", "onoff", "transform", List.of("jsonpath:$.fan", "map:1=ON,0=OFF")),
                channel("measured", "datetime", "transform", "jsonpath:$.measured"),
                channel("note", "text", "transform", List.of("regex:\"note\": \"([a-z]+)\"")));
    }

    @Test
    void mapsEveryChannelOfAnAnswerThroughItsTransforms() {
        environment.json("/env/v1/stations/w-1", STATION);
        HandlerHarness endpoint = endpoint();
        HandlerHarness station = things.resource(endpoint, "w-1", "stations/w-1", stationChannels());

        awaitStatus(station, ThingStatus.ONLINE);

        assertThat(station.state("pm25")).isEqualTo(new NumberValue(new BigDecimal("12.3"), "µg/m³"));
        assertThat(station.state("no2")).isEqualTo(new NumberValue(new BigDecimal("41.5"), "µg/m³"));
        assertThat(station.state("fan")).isEqualTo(OnOff.ON);
        assertThat(station.state("measured")).isEqualTo(new DateTimeValue(OffsetDateTime.parse("2026-06-01T07:59:00Z")));
        assertThat(station.state("note")).isEqualTo(new Text("calm"));
        DepartmentServer.Received request = environment.received("/env/v1/stations/w-1").get(0);
        assertThat(request.header("X-Client")).isEqualTo("cityhub");
        assertThat(request.header("Accept")).isEqualTo("application/json");
        assertThat(station.inputErrors()).isEmpty();
    }

    @Test
    void asksConditionallySoThatUnchangedDataCostsNothing() {
        AtomicInteger version = new AtomicInteger(1);
        environment.route("/env/v1/stations/w-1", (exchange, request) -> {
            String etag = "\"v" + version.get() + "\"";
            if (etag.equals(request.header("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Last-Modified", "Mon, 01 Jun 2026 07:59:00 GMT");
            DepartmentServer.send(exchange, 200, "application/json", "{\"pm25\": " + (100 + version.get()) + "}");
        });
        HandlerHarness station = things.resource(endpoint(), "w-1", "stations/w-1",
                List.of(channel("pm25", "number", "transform", "jsonpath:$.pm25")), "intervalSeconds", 30);
        awaitStatus(station, ThingStatus.ONLINE);

        int before = station.statuses().size();
        station.scheduler().advance(Duration.ofSeconds(30));
        awaitNextStatus(station, before);

        List<DepartmentServer.Received> requests = environment.received("/env/v1/stations/w-1");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).header("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(requests.get(1).header("If-Modified-Since")).isEqualTo("Mon, 01 Jun 2026 07:59:00 GMT");
        assertThat(station.states("pm25")).containsExactly(new NumberValue(new BigDecimal("101"), null));
        assertThat(station.status().status()).isEqualTo(ThingStatus.ONLINE);

        version.set(2);
        before = station.statuses().size();
        station.scheduler().advance(Duration.ofSeconds(30));
        awaitNextStatus(station, before);
        assertThat(station.state("pm25")).isEqualTo(new NumberValue(new BigDecimal("102"), null));
    }

    @Test
    void backsOffExponentiallyWhileTheServiceFailsAndRecoversByItself() {
        AtomicInteger calls = new AtomicInteger();
        environment.route("/env/v1/stations/w-1", (exchange, request) -> {
            if (calls.incrementAndGet() <= 2) {
                DepartmentServer.send(exchange, 503, "text/plain", "maintenance");
            } else {
                DepartmentServer.send(exchange, 200, "application/json", STATION);
            }
        });
        HandlerHarness station = things.resource(endpoint(), "w-1", "stations/w-1", stationChannels(),
                "intervalSeconds", 10);

        awaitStatus(station, ThingStatus.OFFLINE);
        assertThat(station.status().detail()).isEqualTo(ThingStatusDetail.COMMUNICATION_ERROR);
        assertThat(station.status().message()).contains("HTTP 503").contains("failure 1");
        assertThat(nextAttemptSeconds(station)).isBetween(16L, 20L);

        int before = station.statuses().size();
        station.scheduler().advance(Duration.ofSeconds(20));
        awaitNextStatus(station, before);
        assertThat(station.status().message()).contains("failure 2");
        assertThat(nextAttemptSeconds(station)).isBetween(32L, 40L);

        station.scheduler().advance(Duration.ofSeconds(40));
        awaitStatus(station, ThingStatus.ONLINE);
        assertThat(station.state("fan")).isEqualTo(OnOff.ON);
    }

    @Test
    void waitsAsLongAsTheServiceAsksWithRetryAfter() {
        environment.route("/env/v1/stations/w-1", (exchange, request) -> {
            exchange.getResponseHeaders().set("Retry-After", "600");
            DepartmentServer.send(exchange, 429, "application/json", "{\"error\": \"slow down\"}");
        });
        HandlerHarness station = things.resource(endpoint(), "w-1", "stations/w-1", stationChannels());

        awaitStatus(station, ThingStatus.OFFLINE);

        assertThat(station.status().message()).contains("HTTP 429");
        assertThat(nextAttemptSeconds(station)).isEqualTo(600);
    }

    @Test
    void aSlowServiceTimesOutWithoutHoldingUpTheEndpointsOtherResources() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        environment.route("/env/v1/slow", (exchange, request) -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            DepartmentServer.send(exchange, 200, "application/json", STATION);
        });
        environment.json("/env/v1/stations/w-1", STATION);
        HandlerHarness endpoint = endpoint("timeoutSeconds", 1);
        try {
            HandlerHarness slow = things.resource(endpoint, "slow", "slow", stationChannels());
            HandlerHarness fast = things.resource(endpoint, "w-1", "stations/w-1", stationChannels());

            awaitStatus(fast, ThingStatus.ONLINE);
            awaitStatus(slow, ThingStatus.OFFLINE);

            assertThat(slow.status().message()).contains("no answer within 1 s");
            assertThat(fast.state("pm25")).isEqualTo(new NumberValue(new BigDecimal("12.3"), "µg/m³"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void anUnreachableServiceIsACommunicationError() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HandlerHarness endpoint = things.endpoint("gone", config("baseUrl", "http://127.0.0.1:" + closedPort + "/"));
        HandlerHarness station = things.resource(endpoint, "w-1", "stations/w-1", stationChannels());

        awaitStatus(station, ThingStatus.OFFLINE);

        assertThat(station.status().detail()).isEqualTo(ThingStatusDetail.COMMUNICATION_ERROR);
        assertThat(station.status().message()).contains("GET http://127.0.0.1:" + closedPort + "/stations/w-1")
                .contains("cannot connect");
    }

    @Test
    void aMissingPathIsAConfigurationError() {
        HandlerHarness station = things.resource(endpoint(), "w-9", "stations/w-9", stationChannels());

        awaitStatus(station, ThingStatus.OFFLINE);

        assertThat(station.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(station.status().message()).contains("HTTP 404").contains("check its path");
    }

    @Test
    void malformedTransformsAreRefusedBeforeAnyRequest() {
        HandlerHarness station = things.resource(endpoint(), "w-1", "stations/w-1", List.of(
                channel("pm25", "number", "transform", List.of("jsonpath:pm25", "scale:x")),
                channel("fan", "onoff", "readOnly", false, "commandMethod", "DELETE")));

        assertThat(station.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(station.status().message()).contains("channel pm25").contains("step 1").contains("step 2")
                .contains("channel fan").contains("commandMethod must be POST, PUT or PATCH");
        assertThat(environment.received()).isEmpty();
    }

    @Test
    void requestsBeyondTheEndpointsRateWaitTheirTurn() {
        environment.json("/env/v1/stations/w-1", STATION);
        environment.json("/env/v1/stations/w-2", STATION);
        HandlerHarness endpoint = endpoint("requestsPerSecond", new BigDecimal("0.1"));
        HandlerHarness first = things.resource(endpoint, "w-1", "stations/w-1", stationChannels());
        HandlerHarness second = things.resource(endpoint, "w-2", "stations/w-2", stationChannels());

        awaitStatus(first, ThingStatus.ONLINE);
        second.scheduler().runDue();
        assertThat(environment.received("/env/v1/stations/w-2")).isEmpty();
        assertThat(second.status().status()).isEqualTo(ThingStatus.UNKNOWN);

        second.scheduler().advance(Duration.ofSeconds(10));
        awaitStatus(second, ThingStatus.ONLINE);
        assertThat(environment.received("/env/v1/stations/w-2")).hasSize(1);
    }

    static long nextAttemptSeconds(HandlerHarness thing) {
        String message = thing.status().message();
        int at = message.indexOf("next attempt in ");
        return Long.parseLong(message.substring(at + 16, message.indexOf(" s)", at)));
    }
}
