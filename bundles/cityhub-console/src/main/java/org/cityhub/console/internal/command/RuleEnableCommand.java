package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.rules.RuleException;
import org.cityhub.api.rules.Rules;

/** Switches a rule on. */
@Command(scope = "cityhub", name = "rule-enable", description = "Switches a rule on; kept across restarts")
@Service
public class RuleEnableCommand extends AuditedAction {

    @Argument(index = 0, name = "id", required = true, description = "The rule's id")
    @Completion(RuleIdCompleter.class)
    String id;

    @Reference
    Rules rules;

    /** Whether this command switches on (the disable command switches off). */
    boolean enabling() {
        return true;
    }

    @Override
    Object run() throws RuleException {
        System.out.println("rule " + id + ": " + rules.setEnabled(id, enabling(), actor()).status());
        return null;
    }

    @Override
    String auditTarget() {
        return "rule:" + id;
    }
}
