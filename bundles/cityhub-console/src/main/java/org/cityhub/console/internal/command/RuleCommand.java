package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.rules.RuleInfo;
import org.cityhub.api.rules.Rules;

/** Shows one rule: how it fares, and its document. */
@Command(scope = "cityhub", name = "rule", description = "Shows one rule: status and why, counts, last firing, and"
        + " its document")
@Service
public class RuleCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "The rule's id")
    @Completion(RuleIdCompleter.class)
    String id;

    @Reference
    private Rules rules;

    @Override
    public Object execute() {
        RuleInfo rule = rules.get(id).orElseThrow(() -> new IllegalArgumentException("no rule '" + id + "'"));
        System.out.println("Rule          " + rule.id() + " — " + rule.label());
        System.out.println("Department    " + rule.department());
        System.out.println("Source        " + rule.source());
        System.out.println("Status        " + rule.status() + (rule.message().isEmpty() ? "" : ": " + rule.message()));
        System.out.println("Last fired    " + (rule.lastFired() == null ? "never" : rule.lastFired()));
        System.out.println("Counts        fired " + rule.fired() + ", failed " + rule.failed() + ", throttled "
                + rule.throttled() + ", skipped " + rule.skipped());
        System.out.println(rule.definition());
        return null;
    }
}
