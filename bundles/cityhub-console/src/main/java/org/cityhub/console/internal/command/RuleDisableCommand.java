package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Switches a rule off. */
@Command(scope = "cityhub", name = "rule-disable", description = "Switches a rule off: its triggers are no longer"
        + " watched; kept across restarts")
@Service
public class RuleDisableCommand extends RuleEnableCommand {

    @Override
    boolean enabling() {
        return false;
    }
}
