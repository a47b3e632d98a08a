package org.cityhub.api.persistence;

import java.time.Instant;

import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.types.State;

/**
 * A state a channel had from a moment on.
 *
 * @param channel the channel
 * @param time when the channel took the state (its {@code updated} time)
 * @param state the state, of any type: numbers keep their unit, {@code UNDEF} and {@code NULL} are states too
 */
public record HistoricState(ChannelUID channel, Instant time, State state) {

    public HistoricState {
        if (channel == null || time == null || state == null) {
            throw new IllegalArgumentException("a historic state needs a channel, a time and a state");
        }
    }
}
