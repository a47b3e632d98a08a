package org.cityhub.console.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.ThingCommands;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.types.ItemType;

/** Sends a command to a channel, parsed by the channel's item type. */
@Command(scope = "cityhub", name = "send", description = "Sends a command to a channel, e.g."
        + " cityhub:send simulator:streetlight:harbour-1:power ON")
@Service
public class SendCommand extends AuditedAction {

    @Argument(index = 0, name = "channel", required = true,
            description = "The channel's UID, binding:type:id:channel")
    @Completion(ChannelUidCompleter.class)
    String channel;

    @Argument(index = 1, name = "command", required = true, multiValued = true,
            description = "The command: ON or OFF, a number with an optional unit (40 or 40 %), a text, or REFRESH")
    List<String> command;

    @Reference
    private ThingRegistry things;

    @Reference
    private ThingCommands commands;

    @Override
    Object run() throws CommandRejectedException {
        ChannelUID uid = ChannelUID.parse(channel);
        // an unknown type or channel is reported by sendCommand, with the reason
        ItemType itemType = things.getThingType(uid.thingUID())
                .flatMap(type -> type.channel(uid.channelId())).map(ChannelDefinition::itemType)
                .orElse(ItemType.TEXT);
        commands.sendCommand(uid, itemType.parseCommand(String.join(" ", command)));
        System.out.println("sent " + String.join(" ", command) + " to " + uid);
        return null;
    }

    @Override
    String auditTarget() {
        return channel;
    }

    @Override
    String auditDetail() {
        return String.join(" ", command);
    }
}
