package org.cityhub.api.federation;

import java.util.concurrent.CompletionStage;

import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.types.Command;

/**
 * Commands to other hubs' things: carried to the hub that owns the thing, which authorises and runs each at most
 * once and answers. A federation bundle provides it.
 */
public interface RemoteCommands {

    /**
     * Sends the command to {@code hub}; completes with that hub's answer, or a {@code 504} answer when none comes in
     * the configured time.
     */
    CompletionStage<RemoteAnswer> send(String hub, ChannelUID channel, Command command, RemoteCaller caller);
}
