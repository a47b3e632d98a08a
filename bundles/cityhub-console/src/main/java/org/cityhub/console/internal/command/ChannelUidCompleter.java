package org.cityhub.console.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cityhub.api.thing.ThingRegistry;

/** Completes the UIDs of channels that take commands. */
@Service
public class ChannelUidCompleter implements Completer {

    @Reference
    private ThingRegistry things;


    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter uids = new StringsCompleter();
        things.getAll().forEach(thing -> things.getThingType(thing.uid()).ifPresent(type -> type.channels().stream()
                .filter(channel -> !channel.readOnly())
                .forEach(channel -> uids.getStrings().add(thing.uid().channel(channel.id()).toString()))));
        return uids.complete(session, commandLine, candidates);
    }
}
