package org.cityhub.api.federation;

import java.time.Instant;
import java.util.Set;

import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.State;

/**
 * Other hubs' things in this hub's registry. They are listed, scoped by department, streamed as events with this
 * hub's sequence numbers and recorded in history exactly like local things, with the source {@code remote:<hub>};
 * they are never handled here, and their definitions cannot be changed here. The hub's core provides this service;
 * a federation bundle feeds it.
 */
public interface RemoteThings {

    /**
     * Adds a remote thing or replaces it with a newer view: its definition, status and states; only what changed is
     * published on this hub's bus.
     *
     * @throws IllegalStateException if this hub has a thing of its own, or another hub one, with the same UID
     */
    void put(RemoteThing thing);

    /** The remote thing's new status; nothing for a thing not known here. */
    void status(ThingUID uid, ThingStatusInfo status);

    /** A remote thing's channel's new state, as its hub recorded it at {@code updated}; older ones are ignored. */
    void state(ChannelUID channel, State state, Instant updated);

    /** Forgets a remote thing, as its hub removed or stopped sharing it; nothing for a thing not known here. */
    void remove(ThingUID uid);

    /** The things of a hub known here. */
    Set<ThingUID> of(String hub);
}
