package org.cityhub.console.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cityhub.api.discovery.Inbox;

/** Completes the UIDs of inbox entries. */
@Service
public class InboxUidCompleter implements Completer {

    @Reference
    private Inbox inbox;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter uids = new StringsCompleter();
        inbox.getAll().forEach(entry -> uids.getStrings().add(entry.result().thingUID().toString()));
        return uids.complete(session, commandLine, candidates);
    }
}
