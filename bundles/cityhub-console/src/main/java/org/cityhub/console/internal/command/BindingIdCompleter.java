package org.cityhub.console.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cityhub.api.admin.BindingManager;

/** Completes the ids of installed bindings. */
@Service
public class BindingIdCompleter implements Completer {

    @Reference
    private BindingManager bindings;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        bindings.getAll().forEach(binding -> ids.getStrings().add(binding.id()));
        return ids.complete(session, commandLine, candidates);
    }
}
