package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.thing.ChannelDefinition;

/** Completes the UIDs of channels that take commands. */
@Service
public class ChannelUidCompleter extends ChannelCompleter {

    @Override
    boolean offers(ChannelDefinition channel) {
        return !channel.readOnly();
    }
}
