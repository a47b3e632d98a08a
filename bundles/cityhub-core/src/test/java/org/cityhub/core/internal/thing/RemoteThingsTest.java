package org.cityhub.core.internal.thing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.federation.RemoteThing;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.Location;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.ItemType;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.core.internal.thing.state.BindingErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Other hubs' things in this hub's registry: listed and streamed like its own, never run here. */
class RemoteThingsTest {

    private static final ThingTypeUID GAUGE_TYPE = new ThingTypeUID("simulator", "waterlevel");
    private static final ThingUID GAUGE = new ThingUID(GAUGE_TYPE, "xiaoshan-1");
    private static final ThingType GAUGE_AS_XIAOSHAN_KNOWS_IT = new ThingType(GAUGE_TYPE, "Water-level gauge", "",
            false, List.of(), List.of(), List.of(new ChannelDefinition("level", "Level", ItemType.NUMBER, "cm", true,
                    ChannelKind.STATE)));
    private static final Instant EIGHT = Instant.parse("2026-12-04T08:00:00Z");

    private final ThingFixtures.RecordingBus bus = new ThingFixtures.RecordingBus();
    private final ThingFixtures.MapTypes types = new ThingFixtures.MapTypes();
    private final ThingManager manager = new ThingManager(bus, types, new BindingErrors(), ThingFixtures.config(1));

    @AfterEach
    void stop() {
        manager.stop();
    }

    @Test
    void aRemoteThingIsListedWithItsHubTypeStatusAndStatesAndStreamedOnThisHubsBus() {
        manager.put(gauge(ThingStatusInfo.of(ThingStatus.ONLINE), Map.of("level", level(152, EIGHT))));

        assertThat(manager.get(GAUGE)).get().extracting(Thing::department).isEqualTo("water");
        assertThat(manager.getSource(GAUGE)).contains("remote:xiaoshan");
        assertThat(manager.getThingType(GAUGE)).contains(GAUGE_AS_XIAOSHAN_KNOWS_IT);
        assertThat(manager.getStatus(GAUGE).status()).isEqualTo(ThingStatus.ONLINE);
        assertThat(manager.getStates(GAUGE).get("level").state()).isEqualTo(cm(152));
        assertThat(manager.of("xiaoshan")).containsExactly(GAUGE);
        assertThat(bus.types()).containsExactly("added", "status", "state");
        assertThat(bus.events.get(0).source()).isEqualTo("remote:xiaoshan");
        assertThat(bus.events.get(2).source()).as("a state comes from its hub").isEqualTo("remote:xiaoshan");
        assertThat(bus.events).allMatch(event -> "water".equals(event.department()));
    }

    @Test
    void onlyNewerStatesAndChangesAreTakenAndPublished() {
        manager.put(gauge(ThingStatusInfo.of(ThingStatus.ONLINE), Map.of("level", level(152, EIGHT))));
        manager.put(gauge(ThingStatusInfo.of(ThingStatus.ONLINE), Map.of("level", level(152, EIGHT))));
        assertThat(bus.types()).as("the same view again changes nothing").hasSize(3);

        manager.state(new ChannelUID(GAUGE, "level"), cm(150), EIGHT.minusSeconds(60));
        assertThat(manager.getStates(GAUGE).get("level").state()).as("an older state").isEqualTo(cm(152));
        manager.state(new ChannelUID(GAUGE, "level"), cm(171), EIGHT.plusSeconds(10));
        assertThat(manager.getStates(GAUGE).get("level")).isEqualTo(new ChannelState(cm(171), EIGHT.plusSeconds(10)));

        ThingStatusInfo offline = ThingStatusInfo.of(ThingStatus.OFFLINE, ThingStatusDetail.HUB_OFFLINE,
                "hub xiaoshan last heard of 16 s ago");
        manager.status(GAUGE, offline);
        assertThat(manager.getStatus(GAUGE)).isEqualTo(offline);
        assertThat(manager.getStates(GAUGE).get("level").state()).as("kept while its hub is away").isEqualTo(cm(171));
        assertThat(bus.types()).containsExactly("added", "status", "state", "state", "status");
    }

    @Test
    void aRemoteThingIsNeverRunHereNorCommandedThroughTheRegistry() throws Exception {
        List<ThingUID> handled = new CopyOnWriteArrayList<>();
        types.put(GAUGE_AS_XIAOSHAN_KNOWS_IT);
        manager.addFactory(new ThingHandlerFactory() {
            @Override
            public boolean supportsThingType(ThingTypeUID type) {
                return type.equals(GAUGE_TYPE);
            }

            @Override
            public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
                handled.add(thing.uid());
                throw new IllegalStateException("a remote thing must not get a handler here");
            }
        }, ThingFixtures.factoryReference("org.example.sim"));
        manager.put(gauge(ThingStatusInfo.of(ThingStatus.ONLINE), Map.of()));
        manager.define(Thing.of(new ThingUID(GAUGE_TYPE, "local"), "Local", Map.of()), "demo.json", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains(new ThingUID(GAUGE_TYPE, "local")));
        assertThat(handled).as("the local thing alone got a handler").doesNotContain(GAUGE);

        assertThatThrownBy(() -> manager.sendCommand(new ChannelUID(GAUGE, "level"), OnOff.ON))
                .isInstanceOf(CommandRejectedException.class);
        manager.put(gauge(ThingStatusInfo.of(ThingStatus.UNKNOWN), Map.of()));
        assertThat(manager.getStatus(GAUGE).status()).as("as its hub says, not as a handler here would")
                .isEqualTo(ThingStatus.UNKNOWN);
    }

    @Test
    void aUidThisHubOrAnotherHubHasAlreadyIsRefusedAndRemovalForgetsTheThing() {
        ThingUID local = new ThingUID(GAUGE_TYPE, "canal-lock");
        manager.define(Thing.of(local, "Canal lock", Map.of()), "demo.json", true);
        Thing clash = new Thing(local, "Canal lock", null, "water", null, Set.of(), Map.of(), Map.of(), Set.of());
        assertThatThrownBy(() -> manager.put(new RemoteThing("xiaoshan", clash, GAUGE_AS_XIAOSHAN_KNOWS_IT,
                ThingStatusInfo.of(ThingStatus.ONLINE), Map.of()))).hasMessageContaining("demo.json has a thing with"
                        + " the same UID");

        manager.put(gauge(ThingStatusInfo.of(ThingStatus.ONLINE), Map.of("level", level(152, EIGHT))));
        assertThatThrownBy(() -> manager.put(new RemoteThing("fuyang", thing(), GAUGE_AS_XIAOSHAN_KNOWS_IT,
                ThingStatusInfo.of(ThingStatus.ONLINE), Map.of()))).hasMessageContaining("remote:xiaoshan");

        manager.remove(GAUGE);
        assertThat(manager.get(GAUGE)).isEmpty();
        assertThat(manager.getStates(GAUGE)).isEmpty();
        assertThat(manager.of("xiaoshan")).isEmpty();
        assertThat(bus.types()).endsWith("removed");
        manager.remove(local);
        assertThat(manager.get(local)).as("a local thing is not removed as a remote one").isPresent();
    }

    private static RemoteThing gauge(ThingStatusInfo status, Map<String, ChannelState> states) {
        return new RemoteThing("xiaoshan", thing(), GAUGE_AS_XIAOSHAN_KNOWS_IT, status, states);
    }

    private static Thing thing() {
        return new Thing(GAUGE, "Xiaoshan gauge 1", null, "water", new Location(30.16, 120.26), Set.of("river"),
                Map.of(), Map.of(), Set.of());
    }

    private static ChannelState level(int centimetres, Instant updated) {
        return new ChannelState(cm(centimetres), updated);
    }

    private static NumberValue cm(int centimetres) {
        return new NumberValue(BigDecimal.valueOf(centimetres), "cm");
    }
}
