package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.cityhub.api.admin.BindingChangeException;
import org.cityhub.api.admin.BindingManager;

/** What install, update and uninstall share: one change to the bindings, reported in one line. */
abstract class BindingCommand extends AuditedAction {

    @Reference
    BindingManager bindings;

    @Override
    Object run() {
        try {
            System.out.println(change());
        } catch (BindingChangeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return null;
    }

    /** Carries the change out and says what was done. */
    abstract String change() throws BindingChangeException;
}
