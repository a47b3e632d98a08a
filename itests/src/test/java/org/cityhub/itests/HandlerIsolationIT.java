package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.itests.misbehaving.MisbehavingActivator;
import org.cityhub.itests.misbehaving.MisbehavingFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A deliberately misbehaving binding next to the demo city: each of its faults marks only its own thing, and
 * the simulator's things carry on.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HandlerIsolationIT extends HubTestSupport {


    @Inject
    private ThingRegistry things;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options(
                editConfigurationFilePut("etc/org.cityhub.things.cfg", "handlerTimeoutSeconds", "2"),
                CityHubDistribution.testBinding("misbehaving", MisbehavingActivator.class, MisbehavingFactory.class));
    }

    @Before
    public void defineMisbehavingThings() {
        for (String uid : List.of("misbehaving:thrower:t1", "misbehaving:hanger:h1", "misbehaving:flooder:f1",
                "misbehaving:commander:c1")) {
            if (things.get(ThingUID.parse(uid)).isEmpty()) {
                // 202 when the creation waits behind the hanger, which holds the binding's start for 2 s
                assertThat(hub.postJson("/things", "{\"uid\": \"" + uid + "\", \"label\": \"" + uid + "\"}").status())
                        .isIn(201, 202);
            }
        }
    }

    @Test
    public void aHandlerThatThrowsWhileStartingMarksItsThingWithTheReason() {
        awaitDetail("misbehaving:thrower:t1", ThingStatusDetail.HANDLER_INITIALIZING_ERROR);
        ThingStatusInfo status = things.getStatus(ThingUID.parse("misbehaving:thrower:t1"));
        assertThat(status.status()).isEqualTo(ThingStatus.UNINITIALIZED);
        assertThat(status.message()).contains("device table missing");
    }

    @Test
    public void aHandlerThatHangsWhileStartingIsAbandonedAndReported() {
        awaitDetail("misbehaving:hanger:h1", ThingStatusDetail.HANDLER_NOT_RESPONDING);
        assertThat(things.getStatus(ThingUID.parse("misbehaving:hanger:h1")).message())
                .contains("did not answer within 2 s");
    }

    @Test
    public void aHandlerThatThrowsOnACommandMarksItsThingAndAnswersTheCaller() {
        await("commander online").atMost(PATIENCE)
                .until(() -> things.getStatus(ThingUID.parse("misbehaving:commander:c1")).status() == ThingStatus.ONLINE);

        assertThat(hub.postJson("/things/misbehaving:commander:c1/channels/relay/command", "{\"command\": \"ON\"}")
                .status()).isEqualTo(202);

        awaitDetail("misbehaving:commander:c1", ThingStatusDetail.HANDLER_ERROR);
        assertThat(things.getStatus(ThingUID.parse("misbehaving:commander:c1")).message()).contains("relay stuck");
    }

    @Test
    public void aFloodingHandlerDoesNotStarveTheOtherBindings() throws Exception {
        await("flooder reporting").atMost(PATIENCE).until(() -> hub.get("/things/misbehaving:flooder:f1").body()
                .at("/states/counter/value").asLong() > 10_000);

        String light = "/things/simulator:streetlight:market-square";
        AtomicInteger brightness = new AtomicInteger(35);
        try (HubClient.SseRecorder events = hub.record("?topics=cityhub/things/simulator:streetlight:market-square/%23")) {
            // the stream is being opened while the first command goes out: a command whose echo came before the
            // stream's subscription is followed by the next, until an echo is streamed, all within 10 s
            await("the simulator's echo streamed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (events.frames.stream().anyMatch(f -> f.event().equals("state")
                                && f.data().contains("\"value\":" + brightness.get()))) {
                            return true;
                        }
                        assertThat(hub.postJson(light + "/channels/brightness/command", "{\"command\": "
                                + brightness.incrementAndGet() + "}").status()).isEqualTo(202);
                        return false;
                    });
        }
        assertThat(hub.get(light).body().at("/states/brightness/value").asInt()).isEqualTo(brightness.get());
        assertThat(things.getAll().stream().filter(t -> t.uid().bindingId().equals("simulator"))
                .filter(t -> t.bridgeUID() == null)
                .allMatch(t -> things.getStatus(t.uid()).status() == ThingStatus.ONLINE)).isTrue();
        assertThat(hub.getText("/metrics")).contains("cityhub_events_published_total");
    }

    /**
     * Issue 17, item 10: a change to a managed thing answers within seconds even when its binding takes long to
     * stop (here a gateway and two devices that each hang while stopping, abandoned after the 2 s handler
     * timeout): 202 while the change waits, and the change takes effect when the binding has answered.
     */
    @Test
    public void aChangeBehindASlowBindingIsAcceptedAtOnceAndAppliedLater() {
        String gateway = "misbehaving:lingerer:g1";
        create("{\"uid\": \"" + gateway + "\", \"label\": \"Gateway\"}");
        for (String device : List.of("misbehaving:lingering:d1", "misbehaving:lingering:d2")) {
            create("{\"uid\": \"" + device + "\", \"label\": \"Device\", \"bridgeUID\": \"" + gateway + "\"}");
        }
        await("gateway and devices online").atMost(PATIENCE).until(() -> things.getAll().stream()
                .filter(t -> t.uid().thingTypeUID().bindingId().equals("misbehaving") && t.uid().toString().contains("ling"))
                .allMatch(t -> things.getStatus(t.uid()).status() == ThingStatus.ONLINE));

        long started = System.nanoTime();
        HubClient.Answer renamed = hub.putJson("/things/" + gateway, "{\"label\": \"Gateway (renamed)\"}");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(renamed.status()).isEqualTo(202);
        assertThat(renamed.body().get("pending").asText()).contains("takes effect when the binding answers");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        await("the change applied once the binding answered").atMost(PATIENCE)
                .until(() -> hub.get("/things/" + gateway).body().path("label").asText().equals("Gateway (renamed)"));
    }

    private void create(String thing) {
        assertThat(hub.postJson("/things", thing).status()).isIn(201, 202);
    }

    private void awaitDetail(String uid, ThingStatusDetail detail) {
        await(uid + " " + detail).atMost(PATIENCE)
                .until(() -> things.getStatus(ThingUID.parse(uid)).detail() == detail);
    }
}
