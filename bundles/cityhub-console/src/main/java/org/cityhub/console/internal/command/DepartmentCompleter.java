package org.cityhub.console.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cityhub.api.thing.ThingRegistry;

/** Completes the departments that own things. */
@Service
public class DepartmentCompleter implements Completer {

    @Reference
    private ThingRegistry things;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter departments = new StringsCompleter();
        things.getAll().stream().map(thing -> thing.department()).filter(d -> d != null).distinct()
                .forEach(departments.getStrings()::add);
        return departments.complete(session, commandLine, candidates);
    }
}
