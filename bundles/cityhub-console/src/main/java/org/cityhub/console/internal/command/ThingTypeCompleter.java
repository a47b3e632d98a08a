package org.cityhub.console.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cityhub.api.thing.ThingTypeRegistry;

/** Completes the UIDs of the installed thing types. */
@Service
public class ThingTypeCompleter implements Completer {

    @Reference
    private ThingTypeRegistry types;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter uids = new StringsCompleter();
        types.getAll().forEach(type -> uids.getStrings().add(type.uid().toString()));
        return uids.complete(session, commandLine, candidates);
    }
}
