package org.cityhub.core.internal.thing.state;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.State;

/** The last state of every channel. States outlive handlers: a thing whose binding left keeps them. */
public final class StateCache {

    private final Map<ThingUID, Map<String, ChannelState>> states = new ConcurrentHashMap<>();

    public ChannelState put(ChannelUID channel, State state, Instant updated) {
        ChannelState value = new ChannelState(state, updated);
        // sized for a few channels: a city holds one of these maps per thing
        states.computeIfAbsent(channel.thingUID(), uid -> new ConcurrentHashMap<>(4)).put(channel.channelId(), value);
        return value;
    }

    /**
     * Sets a channel's state from history unless the channel has a state at least as recent: a state a handler
     * reported since the start is never overwritten by an older one.
     *
     * @return whether the state was taken
     */
    public boolean restore(ChannelUID channel, State state, Instant updated) {
        boolean[] taken = { false };
        states.computeIfAbsent(channel.thingUID(), uid -> new ConcurrentHashMap<>(4)).compute(channel.channelId(),
                (id, current) -> {
                    if (current != null && current.updated() != null && !current.updated().isBefore(updated)) {
                        return current;
                    }
                    taken[0] = true;
                    return new ChannelState(state, updated);
                });
        return taken[0];
    }

    /**
     * The thing's states by channel id: every state channel of its type in declared order, or, while the type is
     * unknown (its binding is not installed), the states last reported.
     */
    public Map<String, ChannelState> of(ThingUID thing, Optional<ThingType> type) {
        Map<String, ChannelState> known = states.getOrDefault(thing, Map.of());
        if (type.isEmpty()) {
            return Map.copyOf(known);
        }
        Map<String, ChannelState> result = new LinkedHashMap<>();
        for (ChannelDefinition channel : type.get().channels()) {
            if (channel.kind() == ChannelKind.STATE) {
                result.put(channel.id(), known.getOrDefault(channel.id(), ChannelState.NEVER_SET));
            }
        }
        return result;
    }

    public void remove(ThingUID thing) {
        states.remove(thing);
    }
}
