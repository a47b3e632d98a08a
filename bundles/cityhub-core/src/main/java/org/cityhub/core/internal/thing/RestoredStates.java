package org.cityhub.core.internal.thing;

import java.time.Instant;

import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.types.State;

/**
 * States restored from history at start, so that a channel shows its last value, with the time it was set, rather
 * than nothing. Core's own service, for {@link HistoryRestore}; not part of the API.
 */
public interface RestoredStates {

    /**
     * Sets a channel's state unless it has one at least as recent; publishes nothing, as nothing changed.
     *
     * @return whether the state was taken
     */
    boolean restore(ChannelUID channel, State state, Instant updated);
}
