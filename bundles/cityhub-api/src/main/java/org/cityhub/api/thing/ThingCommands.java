package org.cityhub.api.thing;

import org.cityhub.api.types.Command;
import org.osgi.annotation.versioning.ProviderType;

/** The way to command the hub's things. A service of the hub, used by the REST API, the console and rules. */
@ProviderType
public interface ThingCommands {

    /**
     * Sends a command to a channel. Returns once the command is accepted and published as a command event; the
     * handler runs it asynchronously and reports the outcome as a state update.
     *
     * @param channel the channel to command
     * @param command a command the channel's item type takes
     * @throws CommandRejectedException if the thing or channel is unknown, the channel takes no such
     *         command, or no handler runs for the thing
     */
    void sendCommand(ChannelUID channel, Command command) throws CommandRejectedException;
}
