package org.cityhub.api.thing;

import java.time.Instant;

import org.cityhub.api.types.State;
import org.cityhub.api.types.UnDef;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A channel's last state and when it was set.
 *
 * @param state the state
 * @param updated when the binding reported it, or {@code null} if it never did
 */
public record ChannelState(State state, @Nullable Instant updated) {

    /** The state of a channel that has never been set. */
    public static final ChannelState NEVER_SET = new ChannelState(UnDef.NULL, null);

    public ChannelState {
        if (state == null) {
            throw new IllegalArgumentException("missing state");
        }
    }
}
