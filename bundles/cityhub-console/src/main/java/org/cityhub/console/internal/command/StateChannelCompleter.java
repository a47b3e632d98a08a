package org.cityhub.console.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ThingRegistry;

/** Completes the UIDs of channels that hold a state, the ones with history. */
@Service
public class StateChannelCompleter implements Completer {

    @Reference
    private ThingRegistry things;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter uids = new StringsCompleter();
        things.getAll().forEach(thing -> things.getThingType(thing.uid()).ifPresent(type -> type.channels().stream()
                .filter(channel -> channel.kind() == ChannelKind.STATE)
                .forEach(channel -> uids.getStrings().add(thing.uid().channel(channel.id()).toString()))));
        return uids.complete(session, commandLine, candidates);
    }
}
