package org.cityhub.console.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.admin.TokenService;

/** Completes the names of the API tokens. */
@Service
public class TokenNameCompleter implements Completer {

    @Reference
    private TokenService tokens;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        tokens.list().stream().map(TokenInfo::name).forEach(names.getStrings()::add);
        return names.complete(session, commandLine, candidates);
    }
}
