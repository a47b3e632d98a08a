package org.cityhub.console.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cityhub.api.thing.ThingRegistry;

/** Completes thing UIDs. */
@Service
public class ThingUidCompleter implements Completer {

    @Reference
    private ThingRegistry things;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter uids = new StringsCompleter();
        things.getAll().forEach(thing -> uids.getStrings().add(thing.uid().toString()));
        return uids.complete(session, commandLine, candidates);
    }
}
