package org.cityhub.core.internal.thing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.cityhub.core.internal.thing.state.BindingErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BridgeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final ThingTypeUID BROKER_TYPE = ThingTypeUID.parse("test:broker");
    private static final ThingTypeUID SENSOR_TYPE = ThingTypeUID.parse("test:sensor");
    private static final ThingUID BROKER = new ThingUID(BROKER_TYPE, "b1");
    private static final ThingUID SENSOR = new ThingUID(SENSOR_TYPE, "s1");

    private final ThingFixtures.MapTypes types = new ThingFixtures.MapTypes();
    private final Factory factory = new Factory();
    private ThingManager manager;

    @BeforeEach
    void start() {
        types.put(new ThingType(BROKER_TYPE, "Broker", "", true, List.of(), List.of(), List.of()));
        types.put(new ThingType(SENSOR_TYPE, "Sensor", "", false, List.of(BROKER_TYPE), List.of(), List.of()));
        manager = new ThingManager(new ThingFixtures.RecordingBus(), types, new BindingErrors(), ThingFixtures.config(1));
        manager.addFactory(factory, ThingFixtures.factoryReference("org.example.test"));
    }

    @AfterEach
    void stop() {
        manager.stop();
    }

    @Test
    void aThingWaitsForItsBridgeThenStartsAfterItAndReachesItsHandler() {
        manager.define(sensor(BROKER), "f.json", true);
        await().atMost(PATIENCE).until(() -> detail(SENSOR) == ThingStatusDetail.BRIDGE_UNINITIALIZED);

        manager.define(Thing.of(BROKER, "Broker", Map.of()), "f.json", true);

        await().atMost(PATIENCE).until(() -> status(SENSOR) == ThingStatus.ONLINE);
        assertThat(factory.log).containsSubsequence("initialize " + BROKER, "initialize " + SENSOR);
        assertThat(factory.handlers.get(SENSOR).bridge()).containsSame(factory.handlers.get(BROKER));
    }

    @Test
    void aThingCannotGoThroughAnotherDepartmentsBridgeUnlessAnAdminSharedIt() {
        ThingUID nowhere = new ThingUID(BROKER_TYPE, "nowhere");
        ThingUID foreign = new ThingUID(SENSOR_TYPE, "foreign");
        manager.define(new Thing(BROKER, "Water's broker", null, "water", null, null, null, null), "f.json", true);
        manager.define(new Thing(SENSOR, "Water's sensor", BROKER, "water", null, null, null, null), "f.json", true);
        manager.define(new Thing(foreign, "Transport's sensor", BROKER, "transport", null, null, null, null), "f.json",
                true);
        ThingUID missing = new ThingUID(SENSOR_TYPE, "missing");
        manager.define(new Thing(missing, "Bridge missing", nowhere, "transport", null, null, null, null), "f.json",
                true);
        await().atMost(PATIENCE).until(() -> status(SENSOR) == ThingStatus.ONLINE);
        await().atMost(PATIENCE).until(() -> detail(missing) == ThingStatusDetail.BRIDGE_UNINITIALIZED);

        assertThat(factory.handlers).doesNotContainKey(foreign);
        // told exactly what a thing whose bridge is not there is told, with nothing of the bridge in it
        assertThat(manager.getStatus(missing)).isEqualTo(ThingStatusInfo.of(ThingStatus.UNINITIALIZED,
                ThingStatusDetail.BRIDGE_UNINITIALIZED, "bridge " + nowhere + " has no running handler"));
        assertThat(manager.getStatus(foreign)).isEqualTo(ThingStatusInfo.of(ThingStatus.UNINITIALIZED,
                ThingStatusDetail.BRIDGE_UNINITIALIZED, "bridge " + BROKER + " has no running handler"));

        manager.define(new Thing(BROKER, "Water's broker", null, "water", null, null, null, null, Set.of("transport")),
                "f.json", true);

        await().atMost(PATIENCE).until(() -> status(foreign) == ThingStatus.ONLINE);
        await().atMost(PATIENCE).until(() -> status(SENSOR) == ThingStatus.ONLINE);
    }

    @Test
    void aBridgeOfTheHubWithoutDepartmentAdmitsEveryDepartment() {
        manager.define(new Thing(BROKER, "The city's broker", null, null, null, null, null, null), "f.json", true);
        manager.define(new Thing(SENSOR, "Water's sensor", BROKER, "water", null, null, null, null), "f.json", true);

        await().atMost(PATIENCE).until(() -> status(SENSOR) == ThingStatus.ONLINE);
    }

    @Test
    void aBridgeGoingOfflineTakesItsThingsAlongAndBack() {
        manager.define(Thing.of(BROKER, "Broker", Map.of()), "f.json", true);
        manager.define(sensor(BROKER), "f.json", true);
        await().atMost(PATIENCE).until(() -> status(SENSOR) == ThingStatus.ONLINE);

        factory.handlers.get(BROKER).report(ThingStatus.OFFLINE);
        await().atMost(PATIENCE).until(() -> detail(SENSOR) == ThingStatusDetail.BRIDGE_OFFLINE);
        assertThat(status(SENSOR)).isEqualTo(ThingStatus.OFFLINE);
        factory.handlers.get(SENSOR).report(ThingStatus.ONLINE); // hidden while the bridge is offline
        assertThat(detail(SENSOR)).isEqualTo(ThingStatusDetail.BRIDGE_OFFLINE);

        factory.handlers.get(BROKER).report(ThingStatus.ONLINE);
        await().atMost(PATIENCE).until(() -> status(SENSOR) == ThingStatus.ONLINE);
    }

    @Test
    void thingsStopBeforeTheirBridgeAndWaitForItAgain() {
        manager.define(Thing.of(BROKER, "Broker", Map.of()), "f.json", true);
        manager.define(sensor(BROKER), "f.json", true);
        await().atMost(PATIENCE).until(() -> status(SENSOR) == ThingStatus.ONLINE);

        manager.undefine(BROKER);

        assertThat(factory.log).containsSubsequence("dispose " + SENSOR, "dispose " + BROKER);
        assertThat(detail(SENSOR)).isEqualTo(ThingStatusDetail.BRIDGE_UNINITIALIZED);
    }

    @Test
    void aBridgeOfTheWrongTypeIsAConfigurationError() {
        ThingUID other = new ThingUID(SENSOR_TYPE, "other");
        manager.define(Thing.of(other, "Not a broker", Map.of()), "f.json", true);
        manager.define(sensor(other), "f.json", true);

        await().atMost(PATIENCE).until(() -> detail(SENSOR) == ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(manager.getStatus(SENSOR).message()).contains("bridge test:sensor:other is not of a type");
        assertThat(manager.getStatus(other).message()).contains("set bridgeUID");
    }

    private static Thing sensor(ThingUID bridge) {
        return new Thing(SENSOR, "Sensor", bridge, null, null, null, null, null);
    }

    private ThingStatus status(ThingUID uid) {
        return manager.getStatus(uid).status();
    }

    private ThingStatusDetail detail(ThingUID uid) {
        return manager.getStatus(uid).detail();
    }


    private static final class Factory implements ThingHandlerFactory {
        final Map<ThingUID, Handler> handlers = new ConcurrentHashMap<>();
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public boolean supportsThingType(ThingTypeUID type) {
            return type.bindingId().equals("test");
        }

        @Override
        public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
            Handler handler = new Handler(thing, callback, log);
            handlers.put(thing.uid(), handler);
            return handler;
        }
    }

    private static final class Handler extends BaseThingHandler {
        private final List<String> log;

        Handler(Thing thing, ThingHandlerCallback callback, List<String> log) {
            super(thing, callback);
            this.log = log;
        }

        @Override
        public void initialize() {
            log.add("initialize " + thing().uid());
            updateStatus(ThingStatus.ONLINE);
        }

        @Override
        public void handleCommand(ChannelUID channel, Command command) {
            // no channels
        }

        @Override
        public void dispose() {
            log.add("dispose " + thing().uid());
        }

        void report(ThingStatus status) {
            updateStatus(status);
        }

        Optional<Handler> bridge() {
            return bridgeHandler(Handler.class);
        }
    }
}
