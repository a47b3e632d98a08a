package org.cityhub.core.internal.thing.handler;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.cityhub.api.binding.HandlerScheduler;
import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.InputErrors;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.State;
import org.cityhub.api.types.Text;
import org.cityhub.core.internal.thing.state.BindingErrors;
import org.cityhub.core.internal.thing.state.StateCache;
import org.cityhub.core.internal.thing.state.ThingStatusBook;
import org.cityhub.json.Json;
import org.cityhub.json.StateJson;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback one handler reports through. It checks each report against the thing type, records it and
 * publishes it; once {@link #deactivate() deactivated} (the handler is being disposed) it ignores everything,
 * so a late report of an old handler can never overwrite what the hub decided.
 */
public final class ThingCallback implements ThingHandlerCallback {

    private static final Logger LOG = LoggerFactory.getLogger(ThingCallback.class);
    private static final Set<ThingStatus> HUB_OWNED = Set.of(ThingStatus.UNINITIALIZED, ThingStatus.REMOVING,
            ThingStatus.REMOVED);

    private final ThingUID thing;
    private final @Nullable String department;
    private final ThingType type;
    private final StateCache states;
    private final ThingStatusBook statuses;
    private final BindingErrors errors;
    private final EventBus bus;
    private final HandlerTasks tasks;
    private final Supplier<Optional<ThingHandler>> bridge;
    private final EventBudget budget;
    private final int maxTextCharacters;
    private final Clock clock;
    private @Nullable Set<String> warned; // guarded by this; made at the first mistake, as most handlers make none
    private final InputErrorCounter inputErrors;
    private boolean active = true; // guarded by this

    ThingCallback(ThingUID thing, @Nullable String department, ThingType type, StateCache states, ThingStatusBook statuses, BindingErrors errors,
            EventBus bus, HandlerTasks tasks, Supplier<Optional<ThingHandler>> bridge, ReportLimits limits) {
        this.thing = thing;
        this.department = department;
        this.type = type;
        this.states = states;
        this.statuses = statuses;
        this.errors = errors;
        this.bus = bus;
        this.tasks = tasks;
        this.bridge = bridge;
        this.budget = new EventBudget(limits.stateEventsPerSecond());
        this.maxTextCharacters = limits.maxTextCharacters();
        this.clock = tasks.clock();
        this.inputErrors = new InputErrorCounter(thing);
    }

    /** The input this handler refused since it started. */
    public InputErrors inputErrors() {
        return inputErrors.snapshot();
    }

    /** Stops accepting reports; returns once no report is being recorded. */
    synchronized void deactivate() {
        active = false;
    }

    @Override
    public synchronized void stateUpdated(ChannelUID channel, State state) {
        if (!active) {
            return;
        }
        Optional<ChannelDefinition> definition = channelOf(channel, ChannelKind.STATE);
        if (definition.isEmpty()) {
            return;
        }
        if (!definition.get().itemType().accepts(state)) {
            errors.record(thing.bindingId(), "state_refused");
            warnOnce(channel.channelId(), "channel {} is a {} channel; the {} state {} was refused", channel,
                    definition.get().itemType().id(), state.type(), state);
            return;
        }
        if (state instanceof Text text && tooLong(channel, text.value(), "the state is unchanged")) {
            return;
        }
        ChannelState recorded = states.put(channel, state, clock.instant());
        EventBudget.Decision decision = budget.decide(clock.millis());
        if (decision != EventBudget.Decision.PUBLISH) {
            errors.record(thing.bindingId(), "state_withheld");
            if (decision == EventBudget.Decision.WITHHOLD_AND_WARN) {
                LOG.warn("thing {} reports more state updates than its budget allows; the rest of this second is recorded"
                        + " but not published ({} withheld so far)", thing, budget.withheld());
            }
            return;
        }
        var payload = Json.object().put("thingUID", thing.toString()).put("channel", channel.channelId());
        payload.set("state", StateJson.state(recorded.state(), recorded.updated()));
        bus.publish(EventTopics.channel(channel, EventTopics.TYPE_STATE), EventTopics.TYPE_STATE,
                Json.toText(payload), thing.bindingId(), department);
    }

    @Override
    public synchronized void statusUpdated(ThingStatusInfo status) {
        if (!active) {
            return;
        }
        if (HUB_OWNED.contains(status.status())) {
            warnOnce("status", "thing {}: a handler may not set status {}; only the hub does", thing, status.status());
            return;
        }
        statuses.reported(thing, status);
    }

    @Override
    public void inputRefused(@Nullable ChannelUID channel, String reason) {
        synchronized (this) {
            if (!active) {
                return;
            }
        }
        String channelId = channel != null && channel.thingUID().equals(thing) ? channel.channelId() : null;
        errors.record(thing.bindingId(), "input_refused");
        inputErrors.record(channelId, reason, clock.instant());
    }

    @Override
    public synchronized void channelTriggered(ChannelUID channel, String event) {
        if (!active || channelOf(channel, ChannelKind.TRIGGER).isEmpty()
                || tooLong(channel, event, "the event is not published")) {
            return;
        }
        var payload = Json.object().put("thingUID", thing.toString()).put("channel", channel.channelId())
                .put("event", event);
        bus.publish(EventTopics.channel(channel, EventTopics.TYPE_TRIGGER), EventTopics.TYPE_TRIGGER,
                Json.toText(payload), thing.bindingId(), department);
    }

    /** Whether a text is longer than the hub keeps; if so, it is counted as the thing's input error. */
    private boolean tooLong(ChannelUID channel, String text, String consequence) {
        if (text.length() <= maxTextCharacters) {
            return false;
        }
        errors.record(thing.bindingId(), "input_refused");
        inputErrors.record(channel.channelId(), "a text of " + text.length() / 1024 + " KiB is longer than the hub keeps ("
                + maxTextCharacters / 1024 + " KiB, maxTextStateKilobytes); " + consequence, clock.instant());
        return true;
    }

    @Override
    public ThingType thingType() {
        return type;
    }

    @Override
    public HandlerScheduler scheduler() {
        return tasks;
    }

    @Override
    public Optional<ThingHandler> bridgeHandler() {
        return bridge.get();
    }

    private Optional<ChannelDefinition> channelOf(ChannelUID channel, ChannelKind kind) {
        Optional<ChannelDefinition> definition = channel.thingUID().equals(thing)
                ? type.channel(channel.channelId()).filter(c -> c.kind() == kind)
                : Optional.empty();
        if (definition.isEmpty()) {
            errors.record(thing.bindingId(), "unknown_channel");
            warnOnce(channel.toString(), "thing {}: report for {} refused: the thing type {} has no {} channel {}",
                    thing, channel, type.uid(), kind.name().toLowerCase(), channel.channelId());
        }
        return definition;
    }

    /** Logs a handler's mistake once per channel, so that a faulty binding cannot flood the log. */
    private void warnOnce(String key, String format, Object... arguments) {
        boolean first;
        synchronized (this) {
            if (warned == null) {
                warned = new HashSet<>();
            }
            first = warned.add(key);
        }
        if (first) {
            LOG.warn(format, arguments);
        }
    }
}
