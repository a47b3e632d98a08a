package org.cityhub.core.internal.thing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.event.Event;
import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException.Reason;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.core.internal.thing.state.BindingErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThingManagerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final ThingTypeUID GAUGE = new ThingTypeUID("test", "gauge");
    private static final ThingUID RIVER = new ThingUID(GAUGE, "river");

    private final ThingFixtures.RecordingBus bus = new ThingFixtures.RecordingBus();
    private final ThingFixtures.MapTypes types = new ThingFixtures.MapTypes();
    private final GaugeFactory factory = new GaugeFactory();
    private ThingManager manager;

    @BeforeEach
    void start() {
        types.put(ThingFixtures.GAUGE_TYPE);
        manager = new ThingManager(bus, types, new BindingErrors(), ThingFixtures.config(1));
        manager.define(new Thing(RIVER, "River", null, "water", null, null, null, null), "river.json", true);
    }

    @AfterEach
    void stop() {
        factory.hang.countDown();
        manager.stop();
    }

    @Test
    void aThingWaitsForItsBindingThenComesOnline() {
        assertThat(manager.getAll()).extracting(Thing::uid).containsExactly(RIVER);
        assertThat(manager.getStatus(RIVER).detail()).isEqualTo(ThingStatusDetail.HANDLER_MISSING);

        manager.addFactory(factory, ThingFixtures.factoryReference("org.example.gauge"));

        await().atMost(PATIENCE).until(() -> manager.getStatus(RIVER).status() == ThingStatus.ONLINE);
        await().atMost(PATIENCE).until(() -> manager.getStates(RIVER).get("level").state() instanceof NumberValue);
        Map<String, ChannelState> states = manager.getStates(RIVER);
        assertThat(states).containsOnlyKeys("level", "pump");
        assertThat(states.get("pump")).isEqualTo(ChannelState.NEVER_SET);
        assertThat(bus.types()).contains("added", "status", "state");
    }

    @Test
    void whenTheBindingLeavesTheThingKeepsItsStatesAndLateReportsAreIgnored() {
        manager.addFactory(factory, ThingFixtures.factoryReference("org.example.gauge"));
        await().atMost(PATIENCE).until(() -> manager.getStatus(RIVER).status() == ThingStatus.ONLINE
                && manager.getStates(RIVER).get("level").updated() != null);
        ChannelState level = manager.getStates(RIVER).get("level");
        GaugeHandler old = factory.handlers.get(0);

        manager.removeFactory(factory);
        old.report(99);

        assertThat(old.disposed).isTrue();
        assertThat(manager.getStatus(RIVER).status()).isEqualTo(ThingStatus.UNINITIALIZED);
        assertThat(manager.getStatus(RIVER).detail()).isEqualTo(ThingStatusDetail.HANDLER_MISSING);
        assertThat(manager.getStatus(RIVER).message()).contains("org.example.gauge");
        assertThat(manager.getStates(RIVER).get("level")).isEqualTo(level);
    }

    @Test
    void aHandlerThatThrowsOnStartMarksOnlyItsThing() {
        factory.failure = new IllegalStateException("device table missing");

        manager.addFactory(factory, ThingFixtures.factoryReference("org.example.gauge"));

        await().atMost(PATIENCE).until(() -> manager.getStatus(RIVER).detail() == ThingStatusDetail.HANDLER_INITIALIZING_ERROR);
        assertThat(manager.getStatus(RIVER).status()).isEqualTo(ThingStatus.UNINITIALIZED);
        assertThat(manager.getStatus(RIVER).message()).contains("device table missing");
    }

    @Test
    void aHandlerThatHangsIsAbandonedAfterTheTimeout() {
        factory.hangOnInitialize = true;

        manager.addFactory(factory, ThingFixtures.factoryReference("org.example.gauge"));

        await().atMost(PATIENCE).until(() -> manager.getStatus(RIVER).detail() == ThingStatusDetail.HANDLER_NOT_RESPONDING);
        assertThat(manager.getStatus(RIVER).message()).contains("did not answer within 1 s");
    }

    @Test
    void commandsAreCheckedThenPassedToTheHandlerAndPublished() throws Exception {
        manager.addFactory(factory, ThingFixtures.factoryReference("org.example.gauge"));
        await().atMost(PATIENCE).until(() -> manager.getStatus(RIVER).status() == ThingStatus.ONLINE);

        manager.sendCommand(RIVER.channel("pump"), OnOff.ON);

        await().atMost(PATIENCE).until(() -> factory.handlers.get(0).commands.contains(OnOff.ON));
        assertThat(bus.types()).contains("command");
        assertRejected(RIVER.channel("level"), NumberValue.of(3), Reason.READ_ONLY);
        assertRejected(RIVER.channel("alarm"), OnOff.ON, Reason.READ_ONLY);
        assertRejected(RIVER.channel("pump"), NumberValue.of(3), Reason.UNSUPPORTED_COMMAND);
        assertRejected(RIVER.channel("valve"), OnOff.ON, Reason.UNKNOWN_CHANNEL);
        assertRejected(new ThingUID(GAUGE, "lake").channel("pump"), OnOff.ON, Reason.UNKNOWN_THING);
    }

    @Test
    void aCommandForAThingWithoutHandlerNamesTheMissingBinding() {
        assertThatThrownBy(() -> manager.sendCommand(RIVER.channel("pump"), OnOff.ON))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("binding 'test'");
    }

    @Test
    void aDefinitionCanBeReplacedDisabledAndRemoved() {
        manager.addFactory(factory, ThingFixtures.factoryReference("org.example.gauge"));
        await().atMost(PATIENCE).until(() -> manager.getStatus(RIVER).status() == ThingStatus.ONLINE);

        manager.define(Thing.of(RIVER, "River renamed", Map.of()), "river.json", true);
        await().atMost(PATIENCE).until(() -> factory.handlers.size() == 2 && factory.handlers.get(0).disposed);
        assertThat(factory.handlers.get(1).thing().label()).isEqualTo("River renamed");
        assertThat(factory.handlers.get(1).thing().configuration()).containsEntry("depth", new BigDecimal("3"));

        manager.define(Thing.of(RIVER, "River renamed", Map.of()), "river.json", false);
        assertThat(manager.getStatus(RIVER).detail()).isEqualTo(ThingStatusDetail.DISABLED);
        assertThat(factory.handlers.get(1).disposed).isTrue();

        assertThatThrownBy(() -> manager.define(Thing.of(RIVER, "Other", Map.of()), ThingDefinitions.MANAGED, true))
                .hasMessageContaining("already defined by river.json");
        manager.undefine(RIVER);
        assertThat(manager.get(RIVER)).isEmpty();
        assertThat(manager.getStates(RIVER).get("level")).isEqualTo(ChannelState.NEVER_SET);
        assertThat(bus.types()).contains("updated", "removed");
    }

    @Test
    void everyEventOfAThingCarriesTheDepartmentItHadWhenPublished() throws Exception {
        manager.addFactory(factory, ThingFixtures.factoryReference("org.example.gauge"));
        await().atMost(PATIENCE).until(() -> manager.getStates(RIVER).get("level").updated() != null);
        manager.sendCommand(RIVER.channel("pump"), OnOff.ON);
        assertThat(bus.events).extracting(Event::type).contains("added", "status", "state", "command");
        assertThat(bus.events).allSatisfy(event -> assertThat(event.department()).isEqualTo("water"));

        int before = bus.events.size();
        manager.define(new Thing(RIVER, "River", null, "transport", null, null, null, null), "river.json", true);
        manager.undefine(RIVER);

        List<Event> all = List.copyOf(bus.events);
        List<Event> after = all.subList(before, all.size());
        assertThat(after).extracting(Event::type).contains("updated", "removed");
        assertThat(after).filteredOn(event -> !event.type().equals("state"))
                .allSatisfy(event -> assertThat(event.department()).isEqualTo("transport"));
    }

    @Test
    void anInvalidConfigurationKeepsTheThingFromStartingAndSaysWhy() {
        manager.define(Thing.of(RIVER, "River", Map.of("depth", new BigDecimal("0"), "colour", "red")), "river.json", true);

        manager.addFactory(factory, ThingFixtures.factoryReference("org.example.gauge"));

        await().atMost(PATIENCE).until(() -> manager.getStatus(RIVER).detail() == ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(manager.getStatus(RIVER).message()).contains("parameter 'colour' is not known")
                .contains("parameter 'depth' = 0 is below its minimum 1");
        assertThat(factory.handlers).isEmpty();
    }

    @Test
    void aHandlerThatThrowsOrHangsOnACommandMarksOnlyItsThing() throws Exception {
        manager.addFactory(factory, ThingFixtures.factoryReference("org.example.gauge"));
        await().atMost(PATIENCE).until(() -> manager.getStatus(RIVER).status() == ThingStatus.ONLINE);
        GaugeHandler handler = factory.handlers.get(0);

        handler.failCommands = true;
        manager.sendCommand(RIVER.channel("pump"), OnOff.OFF);
        await().atMost(PATIENCE).until(() -> manager.getStatus(RIVER).detail() == ThingStatusDetail.HANDLER_ERROR);
        assertThat(manager.getStatus(RIVER).message()).contains("pump broken");

        handler.failCommands = false;
        handler.hangCommands = true;
        manager.sendCommand(RIVER.channel("pump"), OnOff.ON);
        await().atMost(PATIENCE).until(() -> manager.getStatus(RIVER).detail() == ThingStatusDetail.HANDLER_NOT_RESPONDING);
        assertThat(manager.getStatus(RIVER).message()).contains("handleCommand(pump, ON) did not return within 1 s");
    }

    @Test
    void aFloodingHandlerPublishesOnlyItsBudgetButKeepsItsLatestState() {
        manager.addFactory(factory, ThingFixtures.factoryReference("org.example.gauge"));
        await().atMost(PATIENCE).until(() -> manager.getStatus(RIVER).status() == ThingStatus.ONLINE);
        int before = bus.count("state");

        long firstSecond = System.currentTimeMillis() / 1000;
        for (int i = 0; i < 500; i++) {
            factory.handlers.get(0).report(i);
        }
        long seconds = System.currentTimeMillis() / 1000 - firstSecond + 1; // the budget is per clock second

        assertThat(bus.count("state") - before).as("at most the budget (50) of each of the %d seconds the loop spans",
                seconds).isLessThanOrEqualTo((int) (50 * seconds));
        assertThat(manager.getStates(RIVER).get("level").state()).isEqualTo(NumberValue.of(499, "cm"));
    }

    @Test
    void aStateThatDoesNotFitTheChannelIsRefused() {
        manager.addFactory(factory, ThingFixtures.factoryReference("org.example.gauge"));
        await().atMost(PATIENCE).until(() -> manager.getStatus(RIVER).status() == ThingStatus.ONLINE);

        factory.handlers.get(0).callback.stateUpdated(RIVER.channel("pump"), NumberValue.of(1));

        assertThat(manager.getStates(RIVER).get("pump")).isEqualTo(ChannelState.NEVER_SET);
    }

    /** Issue 17, item 4: a text longer than the hub keeps is an input error of the thing, and goes nowhere. */
    @Test
    void aTextLongerThanTheHubKeepsIsAnInputErrorAndIsNotPublished() {
        manager.addFactory(factory, ThingFixtures.factoryReference("org.example.gauge"));
        await().atMost(PATIENCE).until(() -> manager.getStatus(RIVER).status() == ThingStatus.ONLINE);
        int eventsBefore = bus.events.size();

        factory.handlers.get(0).callback.channelTriggered(RIVER.channel("alarm"), "x".repeat(64 * 1024 + 1));
        factory.handlers.get(0).callback.channelTriggered(RIVER.channel("alarm"), "x".repeat(64 * 1024));

        assertThat(manager.getInputErrors(RIVER).count()).isEqualTo(1);
        assertThat(manager.getInputErrors(RIVER).lastReason()).contains("a text of 64 KiB is longer than the hub keeps"
                + " (64 KiB, maxTextStateKilobytes); the event is not published");
        assertThat(bus.events.subList(eventsBefore, bus.events.size())).extracting(Event::type).containsOnlyOnce("trigger");
    }

    private void assertRejected(ChannelUID channel, Command command, Reason reason) {
        assertThatThrownBy(() -> manager.sendCommand(channel, command)).isInstanceOfSatisfying(
                CommandRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }


    private static final class GaugeFactory implements ThingHandlerFactory {
        final List<GaugeHandler> handlers = new CopyOnWriteArrayList<>();
        final CountDownLatch hang = new CountDownLatch(1);
        volatile RuntimeException failure;
        volatile boolean hangOnInitialize;

        @Override
        public boolean supportsThingType(ThingTypeUID type) {
            return type.equals(GAUGE);
        }

        @Override
        public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
            GaugeHandler handler = new GaugeHandler(thing, callback, this);
            handlers.add(handler);
            return handler;
        }
    }

    private static final class GaugeHandler extends BaseThingHandler {
        final ThingHandlerCallback callback;
        final GaugeFactory factory;
        final List<Command> commands = new CopyOnWriteArrayList<>();
        volatile boolean disposed;
        volatile boolean failCommands;
        volatile boolean hangCommands;

        GaugeHandler(Thing thing, ThingHandlerCallback callback, GaugeFactory factory) {
            super(thing, callback);
            this.callback = callback;
            this.factory = factory;
        }

        @Override
        public void initialize() {
            if (factory.failure != null) {
                throw factory.failure;
            }
            if (factory.hangOnInitialize) {
                try {
                    factory.hang.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            updateStatus(ThingStatus.ONLINE);
            report(120);
        }

        void report(double level) {
            updateState("level", NumberValue.of(level, "cm"));
        }

        @Override
        public void handleCommand(ChannelUID channel, Command command) {
            if (failCommands) {
                throw new IllegalStateException("pump broken");
            }
            if (hangCommands) {
                try {
                    factory.hang.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            commands.add(command);
        }

        @Override
        public void dispose() {
            disposed = true;
        }
    }
}
