package org.cityhub.core.internal.thing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.thing.state.BindingErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 24, item 5: handlers start side by side, each binding on its own threads; one binding that is slow to
 * start its things, or never does, does not hold up the things of another.
 */
class ParallelStartTest {

    private static final ThingTypeUID VALVE = new ThingTypeUID("slow", "valve");
    private static final ThingUID SLOW = new ThingUID(VALVE, "v1");

    private final CountDownLatch gate = new CountDownLatch(1);
    private final ThingFixtures.GatedGauges valves = new ThingFixtures.GatedGauges(VALVE, gate, new CountDownLatch(0));
    private ThingManager manager;

    @AfterEach
    void stop() {
        gate.countDown();
        manager.stop();
    }

    @Test
    void aBindingSlowToStartItsThingsHoldsUpNoOtherBindingsThings() {
        List<ThingUID> gauges = startCity(30);

        await().atMost(Duration.ofSeconds(30)).until(() -> gauges.stream()
                .allMatch(uid -> manager.getStatus(uid).status() == ThingStatus.ONLINE));
        assertThat(manager.getStatus(SLOW).status()).isEqualTo(ThingStatus.INITIALIZING);
        assertThat(manager.countByStatus()).containsEntry(ThingStatus.INITIALIZING, 1);

        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.getStatus(SLOW).status() == ThingStatus.ONLINE);
    }

    @Test
    void aHandlerThatDoesNotStartInTimeIsInterruptedGivenUpAndDisposedWhenItReturns() {
        List<ThingUID> gauges = startCity(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> manager.getStatus(SLOW).detail()
                == ThingStatusDetail.HANDLER_NOT_RESPONDING);
        await().atMost(Duration.ofSeconds(30)).until(() -> gauges.stream()
                .allMatch(uid -> manager.getStatus(uid).status() == ThingStatus.ONLINE));

        // the hub interrupted the start it gave up on; the handler returned, too late, and was disposed
        await().atMost(Duration.ofSeconds(10)).until(() -> valves.disposed.containsKey(SLOW));
        assertThat(manager.getStatus(SLOW).detail()).isEqualTo(ThingStatusDetail.HANDLER_NOT_RESPONDING);
    }

    /** A slow valve first, then 500 gauges of another binding, applied as one file. */
    private List<ThingUID> startCity(int timeoutSeconds) {
        ThingFixtures.MapTypes types = new ThingFixtures.MapTypes();
        types.put(ThingFixtures.GAUGE_TYPE);
        types.put(new ThingType(VALVE, "Valve", "", false, List.of(), List.of(), List.of()));
        manager = new ThingManager(new ThingFixtures.RecordingBus(), types, new BindingErrors(),
                ThingFixtures.config(timeoutSeconds));
        manager.addFactory(valves, ThingFixtures.factoryReference("org.example.slow"));
        manager.addFactory(ThingFixtures.GatedGauges.startingAt(new CountDownLatch(0)),
                ThingFixtures.factoryReference("org.example.gauge"));
        List<Thing> city = new ArrayList<>(List.of(Thing.of(SLOW, "Slow valve", Map.of())));
        List<ThingUID> gauges = IntStream.range(0, 500).mapToObj(i -> ThingUID.parse("test:gauge:g" + i)).toList();
        gauges.forEach(uid -> city.add(Thing.of(uid, uid.id(), Map.of())));
        manager.apply("city.json", city, List.of(), applied -> { });
        return gauges;
    }
}
