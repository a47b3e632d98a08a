package org.cityhub.core.internal.thing;

import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.types.State;

/**
 * States that enter from outside a binding (pushed documents, an operator's correction), recorded through the
 * running handler's callback, the path every state its binding reports takes. Core's own service, for the ingest
 * service; not part of the API.
 */
public interface ExternalStates {

    /**
     * Records a channel's state as if the thing's handler had reported it.
     *
     * @throws CommandRejectedException if the thing or channel is unknown, the channel holds no such state, or no
     *         handler runs for the thing
     */
    void record(ChannelUID channel, State state) throws CommandRejectedException;
}
