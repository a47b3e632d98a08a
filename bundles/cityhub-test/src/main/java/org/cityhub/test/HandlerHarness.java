package org.cityhub.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.cityhub.api.binding.HandlerScheduler;
import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.Refresh;
import org.cityhub.api.types.State;
import org.cityhub.api.config.ConfigValidator;
import org.cityhub.api.config.ThingChannels;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Runs one handler as the hub would, in a plain JUnit test: the thing type comes from the binding's own
 * descriptor, the configuration is checked and completed with defaults, reports are checked against the channels
 * and recorded, commands are refused as the hub refuses them, and time is a {@link VirtualScheduler}.
 *
 * <pre>
 * HandlerHarness light = HandlerHarness.start(new MyHandlerFactory(), Thing.of(uid, "Light", Map.of()));
 * light.scheduler().advance(Duration.ofSeconds(30));
 * assertThat(light.state("power")).isEqualTo(OnOff.ON);
 * </pre>
 */
public final class HandlerHarness {

    /** The instant the virtual clock starts at: a Monday morning, 08:00 UTC. */
    public static final Instant START = Instant.parse("2026-06-01T08:00:00Z");

    private final Thing thing;
    private final ThingType type;
    private final VirtualScheduler scheduler = new VirtualScheduler(START);
    private final List<ThingStatusInfo> statuses = new CopyOnWriteArrayList<>();
    private final Map<String, List<State>> states = new ConcurrentHashMap<>();
    private final Map<String, List<String>> triggers = new ConcurrentHashMap<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<String> inputErrors = new CopyOnWriteArrayList<>();
    private final @Nullable ThingHandler bridge;
    private final ThingHandler handler;
    private boolean disposed;

    private HandlerHarness(ThingHandlerFactory factory, Thing thing, ThingType type, @Nullable ThingHandler bridge) {
        this.thing = thing;
        this.type = type;
        this.bridge = bridge;
        this.handler = factory.createHandler(thing, new Callback());
    }

    /** Creates and initialises the handler for the thing; scheduled work due at once runs before this returns. */
    public static HandlerHarness start(ThingHandlerFactory factory, Thing thing) {
        return start(factory, thing, null);
    }

    /**
     * Like {@link #start(ThingHandlerFactory, Thing)}, for a thing that goes through a bridge whose handler the
     * test provides.
     *
     * @throws IllegalArgumentException if no descriptor declares the thing's type, the factory does not support it,
     *         or the configuration breaks the type's rules (as the hub would report it)
     */
    public static HandlerHarness start(ThingHandlerFactory factory, Thing thing, @Nullable ThingHandler bridge) {
        ThingType type = ThingTypesOnClassPath.read(factory.getClass().getClassLoader()).stream()
                .filter(t -> t.uid().equals(thing.thingTypeUID())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no descriptor in CITYHUB-INF/thing-types declares "
                        + thing.thingTypeUID()));
        if (!factory.supportsThingType(type.uid())) {
            throw new IllegalArgumentException("the factory does not support " + type.uid());
        }
        ConfigValidator.Result validation = ConfigValidator.validate(type, thing.configuration());
        if (!validation.valid()) {
            throw new IllegalArgumentException("configuration of " + thing.uid() + ": "
                    + String.join("; ", validation.violations()));
        }
        Thing configured = thing.withConfiguration(validation.configuration());
        HandlerHarness harness = new HandlerHarness(factory, configured, ThingChannels.of(type, configured), bridge);
        harness.handler.initialize();
        harness.scheduler.runDue();
        return harness;
    }

    /** The handler under test. */
    public ThingHandler handler() {
        return handler;
    }

    /** The virtual clock and the handler's scheduled work: advance it to let time pass. */
    public VirtualScheduler scheduler() {
        return scheduler;
    }

    /** The last status reported. */
    public ThingStatusInfo status() {
        if (statuses.isEmpty()) {
            throw new AssertionError("the handler of " + thing.uid() + " has not reported a status");
        }
        return statuses.get(statuses.size() - 1);
    }

    /** Every status reported, in order. */
    public List<ThingStatusInfo> statuses() {
        return List.copyOf(statuses);
    }

    /** The channel's last state. */
    public State state(String channel) {
        List<State> reported = states(channel);
        if (reported.isEmpty()) {
            throw new AssertionError("no state reported on channel " + channel + " of " + thing.uid());
        }
        return reported.get(reported.size() - 1);
    }

    /** Every state reported on the channel, in order. */
    public List<State> states(String channel) {
        return List.copyOf(states.getOrDefault(channel, List.of()));
    }

    /** Every event fired on the trigger channel, in order. */
    public List<String> triggers(String channel) {
        return List.copyOf(triggers.getOrDefault(channel, List.of()));
    }

    /** Reports the hub refused (a state that does not fit its channel, an undeclared channel), described. */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    /**
     * Input the handler refused (see {@link ThingHandlerCallback#inputRefused}), each as {@code channel: reason}, or
     * {@code thing: reason} for input of no one channel.
     */
    public List<String> inputErrors() {
        return List.copyOf(inputErrors);
    }

    /**
     * Runs due tasks until the condition holds: for handlers whose I/O completes on other threads (an HTTP answer,
     * a broker's message) and is handed back through the scheduler.
     *
     * @throws AssertionError if the condition does not hold within the timeout of real time
     */
    public void runUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            scheduler.runDue();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout + "; last status " + statuses
                        + ", input errors " + inputErrors);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }

    /**
     * Sends a command as the hub would: to a declared state channel that is not read-only (REFRESH to any),
     * of a type the channel takes.
     *
     * @throws IllegalArgumentException if the hub would refuse the command
     */
    public void command(String channel, Command command) {
        ChannelDefinition definition = type.channel(channel)
                .orElseThrow(() -> new IllegalArgumentException(type.uid() + " has no channel " + channel));
        if (command != Refresh.REFRESH && (definition.readOnly() || definition.kind() == ChannelKind.TRIGGER)) {
            throw new IllegalArgumentException("channel " + channel + " is read-only");
        }
        if (!definition.itemType().accepts(command)) {
            throw new IllegalArgumentException("a " + definition.itemType().id() + " channel does not take " + command);
        }
        handler.handleCommand(thing.uid().channel(channel), command);
        scheduler.runDue();
    }

    /** Disposes the handler and cancels its scheduled work, as the hub does. */
    public void dispose() {
        disposed = true;
        handler.dispose();
        scheduler.cancelAll();
    }

    private final class Callback implements ThingHandlerCallback {

        @Override
        public void stateUpdated(ChannelUID channel, State state) {
            Optional<ChannelDefinition> definition = declared(channel, ChannelKind.STATE);
            if (definition.isPresent() && !definition.get().itemType().accepts(state)) {
                refused.add("state " + state + " does not fit the " + definition.get().itemType().id() + " channel "
                        + channel.channelId());
            } else if (definition.isPresent() && !disposed) {
                states.computeIfAbsent(channel.channelId(), c -> new CopyOnWriteArrayList<>()).add(state);
            }
        }

        @Override
        public void statusUpdated(ThingStatusInfo status) {
            if (!disposed) {
                statuses.add(status);
            }
        }

        @Override
        public void inputRefused(@Nullable ChannelUID channel, String reason) {
            if (!disposed) {
                inputErrors.add((channel == null ? "thing" : channel.channelId()) + ": " + reason);
            }
        }

        @Override
        public void channelTriggered(ChannelUID channel, String event) {
            if (declared(channel, ChannelKind.TRIGGER).isPresent() && !disposed) {
                triggers.computeIfAbsent(channel.channelId(), c -> new CopyOnWriteArrayList<>()).add(event);
            }
        }

        @Override
        public ThingType thingType() {
            return type;
        }

        @Override
        public HandlerScheduler scheduler() {
            return scheduler;
        }

        @Override
        public Optional<ThingHandler> bridgeHandler() {
            return Optional.ofNullable(bridge);
        }

        private Optional<ChannelDefinition> declared(ChannelUID channel, ChannelKind kind) {
            Optional<ChannelDefinition> definition = type.channel(channel.channelId()).filter(c -> c.kind() == kind);
            if (definition.isEmpty()) {
                refused.add("report on " + channel.channelId() + ", which " + type.uid() + " does not declare as a "
                        + kind.name().toLowerCase() + " channel");
            }
            return definition;
        }
    }
}
