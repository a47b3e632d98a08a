package org.cityhub.core.internal.thing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.federation.HubIds;
import org.cityhub.api.federation.RemoteThing;
import org.cityhub.api.federation.RemoteThings;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.State;
import org.cityhub.core.internal.thing.state.StateCache;
import org.cityhub.core.internal.thing.state.ThingStatusBook;
import org.cityhub.json.Json;
import org.cityhub.json.StateJson;
import org.cityhub.json.ThingJson;

/**
 * Other hubs' things in the thing manager's definitions, indexes, statuses and states, under the source
 * {@code remote:<hub>}, with the types their hubs share. They change on the federation's thread, never on the
 * lifecycle thread (which may wait for handlers), one change at a time; their UIDs are never a local thing's.
 */
final class RemoteThingBook implements RemoteThings {

    private final EventBus bus;
    private final Map<ThingUID, DefinedThing> definitions;
    private final ThingIndex index;
    private final ThingStatusBook statuses;
    private final StateCache states;
    /** Each remote thing's type, as its hub knows it. */
    private final Map<ThingUID, ThingType> types = new ConcurrentHashMap<>();

    RemoteThingBook(EventBus bus, Map<ThingUID, DefinedThing> definitions, ThingIndex index, ThingStatusBook statuses,
            StateCache states) {
        this.bus = bus;
        this.definitions = definitions;
        this.index = index;
        this.statuses = statuses;
        this.states = states;
    }

    /** The type of a remote thing; empty for a thing of this hub. */
    Optional<ThingType> type(ThingUID uid) {
        return Optional.ofNullable(types.get(uid));
    }

    @Override
    public synchronized void put(RemoteThing remote) {
        Thing thing = remote.thing();
        ThingUID uid = thing.uid();
        String source = HubIds.source(remote.hub());
        DefinedThing previous = definitions.get(uid);
        if (previous != null && !previous.source().equals(source)) {
            throw new IllegalStateException("thing " + uid + " of hub " + remote.hub() + " is left out: "
                    + previous.source() + " has a thing with the same UID");
        }
        DefinedThing next = new DefinedThing(thing, source, true);
        ThingType previousType = types.put(uid, remote.type());
        if (!next.equals(previous) || !remote.type().equals(previousType)) {
            definitions.put(uid, next);
            index.replace(previous == null ? null : previous.thing(), thing);
            String type = previous == null ? EventTopics.TYPE_ADDED : EventTopics.TYPE_UPDATED;
            bus.publish(EventTopics.thing(uid, type), type, Json.toText(ThingJson.thing(thing)), source,
                    thing.department());
        }
        statuses.set(uid, remote.status());
        remote.states().forEach((channel, state) -> {
            if (state.updated() != null) {
                take(new ChannelUID(uid, channel), state.state(), state.updated());
            }
        });
    }

    @Override
    public synchronized void status(ThingUID uid, ThingStatusInfo status) {
        if (types.containsKey(uid)) {
            statuses.set(uid, status);
        }
    }

    @Override
    public synchronized void state(ChannelUID channel, State state, Instant updated) {
        if (types.containsKey(channel.thingUID())) {
            take(channel, state, updated);
        }
    }

    /** Takes a remote state newer than the one held and publishes it, as the thing's handler would have. */
    private void take(ChannelUID channel, State state, Instant updated) {
        if (!states.restore(channel, state, updated)) {
            return;
        }
        ThingUID uid = channel.thingUID();
        var payload = Json.object().put("thingUID", uid.toString()).put("channel", channel.channelId());
        payload.set("state", StateJson.state(state, updated));
        DefinedThing definition = definitions.get(uid);
        // published as coming from the thing's hub: the federation then knows at a glance not to send it back
        bus.publish(EventTopics.channel(channel, EventTopics.TYPE_STATE), EventTopics.TYPE_STATE, Json.toText(payload),
                definition == null ? uid.bindingId() : definition.source(),
                definition == null ? null : definition.thing().department());
    }

    @Override
    public synchronized void remove(ThingUID uid) {
        DefinedThing removed = definitions.get(uid);
        if (removed == null || !removed.remote()) {
            return;
        }
        statuses.set(uid, ThingStatusInfo.of(ThingStatus.REMOVED));
        definitions.remove(uid);
        types.remove(uid);
        statuses.remove(uid);
        index.replace(removed.thing(), null);
        states.remove(uid);
        bus.publish(EventTopics.thing(uid, EventTopics.TYPE_REMOVED), EventTopics.TYPE_REMOVED,
                Json.toText(ThingJson.thing(removed.thing())), removed.source(), removed.thing().department());
    }

    @Override
    public Set<ThingUID> of(String hub) {
        String source = HubIds.source(hub);
        return definitions.values().stream().filter(definition -> definition.source().equals(source))
                .map(definition -> definition.thing().uid()).collect(Collectors.toUnmodifiableSet());
    }
}
