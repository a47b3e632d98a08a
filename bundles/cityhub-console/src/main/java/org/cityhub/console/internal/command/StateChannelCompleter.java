package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;

/** Completes the UIDs of channels that hold a state, the ones with history. */
@Service
public class StateChannelCompleter extends ChannelCompleter {

    @Override
    boolean offers(ChannelDefinition channel) {
        return channel.kind() == ChannelKind.STATE;
    }
}
