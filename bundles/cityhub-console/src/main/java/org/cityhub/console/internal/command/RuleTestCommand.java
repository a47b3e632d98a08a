package org.cityhub.console.internal.command;

import java.io.IOException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.rules.RuleException;
import org.cityhub.api.rules.Rules;
import org.cityhub.json.Json;

/** A dry run: what a rule would do now. */
@Command(scope = "cityhub", name = "rule-test", description = "Shows what a rule would do now, without doing it:"
        + " whether each condition holds and why, and the actions it would take")
@Service
public class RuleTestCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "The rule's id")
    @Completion(RuleIdCompleter.class)
    String id;

    @Reference
    private Rules rules;

    @Override
    public Object execute() throws RuleException, IOException {
        System.out.println(Json.toPrettyText(Json.parse(rules.dryRun(id))));
        return null;
    }
}
