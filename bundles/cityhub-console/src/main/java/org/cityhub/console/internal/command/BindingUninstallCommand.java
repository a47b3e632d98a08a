package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.admin.BindingChangeException;

/** Uninstalls a binding; its things wait for it, keeping definitions and states. */
@Command(scope = "cityhub", name = "binding-uninstall", description = "Uninstalls a binding (its feature if it"
        + " came with one); its things wait as UNINITIALIZED / HANDLER_MISSING, keeping definitions and states")
@Service
public class BindingUninstallCommand extends BindingCommand {

    @Argument(index = 0, name = "binding", required = true, description = "The binding's id, e.g. simulator")
    @Completion(BindingIdCompleter.class)
    String id;

    @Override
    String change() throws BindingChangeException {
        bindings.uninstall(id);
        return "uninstalled binding " + id;
    }

    @Override
    String auditTarget() {
        return id;
    }
}
