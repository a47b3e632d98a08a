package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.cityhub.api.event.EventBus;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.itests.HubClient.SseCounter;
import org.cityhub.itests.HubClient.SseFrame;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Slow SSE clients against the event streams as shipped (every setting of {@code org.cityhub.rest.events} at its
 * default): a client on a bad network falls behind, is told what it missed, and stays.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SlowClientIT extends HubTestSupport {

    private static final int FLOOD = 12_000;
    private static final String PAYLOAD = "{\"padding\":\"" + "x".repeat(1_000) + "\"}";

    @Inject
    private EventBus bus;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options();
    }

    /**
     * Issue 25, item 1: a client that reads a hundredth of what it is sent, beside a hundred that read everything.
     * The slow one gets {@code missed} frames for what did not fit and stays connected; every event it was sent is
     * either delivered or announced; the healthy ones get every event, in order, and never a {@code missed} frame.
     */
    @Test
    public void aClientReadingOnePercentGetsMissedNoticesAndStaysBesideAHundredHealthyOnes() throws Exception {
        List<SseCounter> healthy = new ArrayList<>();
        try (SlowSseClient slow = new SlowSseClient(CityHubDistribution.httpPort(), adminToken, "?topics=test/slow/%23")) {
            for (int t = 0; t < 20; t++) { // a token carries at most five streams
                HubClient client = hub.as(token(Role.ADMIN, DepartmentScope.ALL));
                for (int i = 0; i < 5; i++) {
                    healthy.add(client.count("?topics=test/slow/%23"));
                }
            }
            await("101 clients connected").atMost(PATIENCE).until(() -> hub.metric("cityhub_sse_clients") >= 101);
            double droppedBefore = hub.metric("cityhub_sse_clients_dropped_total");

            int published = 0;
            long sent = 0;
            while (published < FLOOD) {
                for (int i = 0; i < 250; i++, published++) {
                    sent += bus.publish("test/slow/" + (published % 7), "probe", PAYLOAD, "itest").payload().length();
                }
                int expected = published;
                await("the healthy clients keep up").atMost(PATIENCE).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> healthy.stream().allMatch(client -> client.count("probe") >= expected));
                slow.read((int) (sent / 100) - slow.bytesRead()); // a hundredth of what its events weigh
            }
            long end = bus.publish("test/slow/end", "end", "{}", "itest").sequence();
            await("the healthy clients have the end").atMost(PATIENCE)
                    .until(() -> healthy.stream().allMatch(client -> client.count("end") == 1));
            assertThat(hub.metric("cityhub_sse_clients")).as("nobody dropped").isGreaterThanOrEqualTo(101);

            // the slow client catches up: it gets the end, or a missed notice that covers it
            slow.readUntil(frames -> frames.stream().anyMatch(f -> f.event().equals("end") || f.event().equals("missed")
                    && HubClient.parse(f.data()).get("to").asLong() >= end));
            List<SseFrame> frames = slow.frames();
            long delivered = frames.stream().filter(f -> f.event().equals("probe") || f.event().equals("end")).count();
            long announced = frames.stream().filter(f -> f.event().equals("missed"))
                    .mapToLong(f -> HubClient.parse(f.data()).get("count").asLong()).sum();
            assertThat(announced).as("events left out and announced").isPositive();
            assertThat(delivered + announced).as("delivered or announced, every one").isEqualTo(FLOOD + 1);
            assertThat(frames.stream().filter(f -> f.id() != null).mapToLong(f -> Long.parseLong(f.id())).toArray())
                    .isSorted();
            assertThat(hub.metric("cityhub_sse_clients_dropped_total")).isEqualTo(droppedBefore);
            for (SseCounter client : healthy) {
                assertThat(client.count("probe")).isEqualTo(FLOOD);
                assertThat(client.count("missed")).isZero();
                assertThat(client.disordered()).isZero();
            }
        } finally {
            for (SseCounter client : healthy) {
                client.close();
            }
        }
    }
}
