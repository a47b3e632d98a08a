package org.cityhub.console.internal.command;

import java.time.Instant;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cityhub.api.sharing.Grants;

/** Completes the ids of the grants in force. */
@Service
public class GrantIdCompleter implements Completer {

    @Reference
    private Grants grants;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        Instant now = Instant.now();
        grants.list().stream().filter(grant -> grant.activeAt(now)).forEach(grant -> ids.getStrings().add(grant.id()));
        return ids.complete(session, commandLine, candidates);
    }
}
