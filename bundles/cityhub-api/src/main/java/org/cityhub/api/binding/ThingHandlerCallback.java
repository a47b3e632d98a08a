package org.cityhub.api.binding;

import java.util.Optional;

import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.types.State;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * How a handler reports to the hub. Each call is cheap and never blocks; it may be called from any thread.
 * After the handler is disposed, calls are ignored.
 */
@ProviderType
public interface ThingHandlerCallback {

    /**
     * Reports a channel's new state. A state that does not fit the channel's item type, or a channel the
     * thing type does not declare, is refused with a log line and leaves the channel as it was.
     */
    void stateUpdated(ChannelUID channel, State state);

    /** Reports the thing's status. */
    void statusUpdated(ThingStatusInfo status);

    /**
     * Reports input from the device or system that could not be used (not JSON, out of range, too large): the hub
     * counts it on the thing and the channel, shows the count and this reason with the thing, and logs one line per
     * thing and minute at most. Report the state the channel should have separately (e.g. {@code UNDEF}), if any.
     *
     * @param channel the channel the input was for, or {@code null} if it concerns the whole thing
     * @param reason what was wrong, for an integrator: name the value and the expectation, not a stack trace
     */
    void inputRefused(@Nullable ChannelUID channel, String reason);

    /** Fires an event on a trigger channel (e.g. {@code ALARM}, {@code PRESSED}). */
    void channelTriggered(ChannelUID channel, String event);

    /** The thing's type, with its channels. */
    ThingType thingType();

    /** Schedules the handler's periodic and delayed work on the binding's threads. */
    HandlerScheduler scheduler();

    /**
     * The handler of the bridge this thing goes through. Present while this handler runs: the hub starts a
     * thing only after its bridge and stops it before its bridge.
     */
    Optional<ThingHandler> bridgeHandler();
}
