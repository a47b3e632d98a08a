package org.cityhub.api.binding;

import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.types.Command;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs one thing: talks to its device, reports states and status through its {@link ThingHandlerCallback}.
 * The hub calls it from the binding's own threads with a timeout, never two calls at once for one thing;
 * a call that throws or hangs marks this thing, never the hub. Most bindings extend {@link BaseThingHandler}.
 */
@ConsumerType
public interface ThingHandler {

    /** The thing this handler runs. */
    Thing thing();

    /**
     * Starts the thing. Must return quickly: set the status ({@code UNKNOWN} or {@code ONLINE}) and move slow
     * work (connecting, first poll) to the {@link HandlerScheduler}.
     */
    void initialize();

    /**
     * Handles a command sent to one of the thing's channels; report the outcome as a state update.
     * Must not block for long.
     */
    void handleCommand(ChannelUID channel, Command command);

    /**
     * Stops the thing: release connections and resources. Scheduled tasks of this handler are cancelled by the
     * hub after this returns; state and status reports after it are ignored.
     */
    void dispose();
}
