package org.cityhub.console.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ThingRegistry;

/** Completes the UIDs of the channels a command takes, of every thing whose type is known. */
abstract class ChannelCompleter implements Completer {

    @Reference
    private ThingRegistry things;

    /** Whether the command takes this channel. */
    abstract boolean offers(ChannelDefinition channel);

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter uids = new StringsCompleter();
        things.getAll().forEach(thing -> things.getThingType(thing.uid()).ifPresent(type -> type.channels().stream()
                .filter(this::offers)
                .forEach(channel -> uids.getStrings().add(thing.uid().channel(channel.id()).toString()))));
        return uids.complete(session, commandLine, candidates);
    }
}
