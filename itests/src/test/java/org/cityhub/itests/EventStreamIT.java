package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.cityhub.api.event.EventBus;
import org.cityhub.itests.HubClient.SseFrame;
import org.cityhub.itests.HubClient.SseRecorder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/** The event stream under stress, resume and observation, over real HTTP against the distribution. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EventStreamIT extends HubTestSupport {

    private static final int FLOOD = 12_000;
    private static final String PAYLOAD = "{\"padding\":\"" + "x".repeat(1_000) + "\"}";

    @Inject
    private EventBus bus;

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] configuration() {
        // a client that reads nothing is dropped after 2 s of it, looked at every second
        return CityHubDistribution.options(
                editConfigurationFilePut("etc/org.cityhub.rest.events.cfg", "stalledSeconds", "2"),
                editConfigurationFilePut("etc/org.cityhub.rest.events.cfg", "heartbeatSeconds", "1"));
    }

    @Test
    public void aClientThatStopsReadingIsDroppedWithoutHarmingAHealthyOne() throws Exception {
        try (Socket stuck = new Socket(); SseRecorder healthy = hub.record("?topics=test/flood/%23")) {
            stuck.setReceiveBufferSize(4_096);
            stuck.connect(new InetSocketAddress("127.0.0.1", CityHubDistribution.httpPort()));
            OutputStream request = stuck.getOutputStream();
            request.write(("GET /api/events?topics=test/flood/%23 HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer "
                    + adminToken + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            await("both clients connected").atMost(PATIENCE).until(() -> metric("cityhub_sse_clients") >= 2);

            int published = 0;
            while (published < FLOOD) {
                for (int i = 0; i < 250; i++, published++) {
                    bus.publish("test/flood/" + (published % 7), "probe", PAYLOAD, "itest");
                }
                int expected = published;
                await("healthy client keeps up").atMost(PATIENCE).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(5)).until(() -> healthy.count("probe") >= expected);
            }

            await("stuck client dropped once it read nothing for the stall time").atMost(PATIENCE).until(() -> metric("cityhub_sse_clients_dropped_total") >= 1);
            List<SseFrame> frames = healthy.frames;
            assertThat(healthy.count("missed")).isZero();
            assertThat(healthy.count("probe")).isEqualTo(FLOOD);
            long previous = 0;
            for (SseFrame frame : frames) {
                long id = Long.parseLong(frame.id());
                assertThat(id).isGreaterThan(previous);
                previous = id;
            }
        }
    }

    @Test
    public void resumingFromASequenceThatLeftTheRingStartsWithAMissedNotice() throws Exception {
        long first = bus.publish("test/ring/x", "probe", "{}", "itest").sequence();
        for (int i = 0; i < 10_050; i++) {
            bus.publish("test/ring/x", "probe", "{}", "itest");
        }

        SseFrame frame = hub.awaitEvent("?topics=test/ring/%23", Long.toString(first), f -> true);

        assertThat(frame.event()).isEqualTo("missed");
        JsonNode missed = HubClient.parse(frame.data());
        assertThat(missed.get("from").asLong()).isEqualTo(first + 1);
        assertThat(missed.get("count").asLong()).isPositive();
        assertThat(missed.get("to").asLong()).isEqualTo(first + missed.get("count").asLong());
    }

    @Test
    public void aMalformedLastEventIdOrFilterIsABadRequest() {
        assertThat(hub.get("/events?topics=a/%23/b").status()).isEqualTo(400);
        assertThat(hub.get("/events?topics=a/%23/b").body().get("detail").asText())
                .contains("'#' may only be the last segment");
        for (String id : List.of("twelve", "-3", "1.5")) {
            HubClient.Answer answer = hub.send(HttpRequest.newBuilder(hub.uri("/events")).header("Last-Event-ID", id));
            assertThat(answer.status()).as(id).isEqualTo(400);
            assertThat(answer.body().get("detail").asText()).as(id)
                    .isEqualTo("Last-Event-ID must be an event's sequence number (a non-negative integer), was '" + id
                            + "'");
        }
    }

    @Test
    public void metricsAreServedInPrometheusTextAndShownByTheConsole() throws Exception {
        bus.publish("test/metrics", "probe", "{}", "itest");

        String text = hub.getText("/metrics");
        assertThat(text).contains("# TYPE cityhub_events_published_total counter")
                .contains("# TYPE cityhub_sse_clients gauge")
                .contains("cityhub_subscriber_queue_depth{subscriber=")
                .contains("cityhub_things{binding=\"simulator\",status=\"ONLINE\"}")
                .contains("jvm_threads_current");
        assertThat(hub.getText("/metrics")).contains("cityhub_http_requests_total{route=\"GET /metrics\",status=\"200\"}");
        assertThat(metric("cityhub_events_published_total")).isPositive();
        assertThat(ConsoleSession.execute(sessions, "cityhub:stats --filter published"))
                .contains("cityhub_events_published_total").doesNotContain("cityhub_sse_clients");
    }

    @Test
    public void theOpenApiDocumentListsRoutesThatAllExist() {
        JsonNode paths = hub.get("/openapi.json").body().get("paths");
        assertThat(paths.has("/things/{uid}/channels/{channel}/command")).isTrue();
        assertThat(paths.size()).isGreaterThan(20);
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (path.getKey().equals("/events") || path.getKey().equals("/metrics")) {
                return; // a stream that never ends, and a text document: both checked in their own tests
            }
            String concrete = path.getKey().replace("{uid}", "x:y:z").replace("{channel}", "none")
                    .replace("{id}", "none").replace("{name}", "none");
            HubClient.Answer answer = hub.send(method.toUpperCase(), concrete);
            assertThat(answer.body().path("detail").asText()).as(method + " " + concrete).doesNotContain("no API route");
            assertThat(answer.status()).as(method + " " + concrete).isNotIn(405, 500);
        }));
    }

    @Test
    public void theConsoleTailsTheBus() throws Exception {
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        Future<?> publishing = publisher.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                bus.publish("test/console/tail", "probe", "{\"n\":1}", "itest");
                try {
                    TimeUnit.MILLISECONDS.sleep(20); // a steady trickle of events, not synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            String output = ConsoleSession.execute(sessions, "cityhub:events --count 3 test/console/#");

            assertThat(output.lines().filter(line -> line.contains(" probe test/console/tail {\"n\":1}")).count())
                    .isEqualTo(3);
        } finally {
            publishing.cancel(true);
            publisher.shutdownNow();
        }
    }

    private double metric(String name) {
        return hub.metric(name);
    }
}
