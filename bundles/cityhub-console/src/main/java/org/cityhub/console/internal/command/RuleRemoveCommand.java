package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.rules.RuleException;
import org.cityhub.api.rules.Rules;

/** Removes a managed rule. */
@Command(scope = "cityhub", name = "rule-remove", description = "Removes a managed rule (a rule file is removed by"
        + " deleting the file)")
@Service
public class RuleRemoveCommand extends AuditedAction {

    @Argument(index = 0, name = "id", required = true, description = "The rule's id")
    @Completion(RuleIdCompleter.class)
    String id;

    @Reference
    private Rules rules;

    @Override
    Object run() throws RuleException {
        rules.remove(id, actor());
        System.out.println("rule " + id + " removed");
        return null;
    }

    @Override
    String auditTarget() {
        return "rule:" + id;
    }
}
