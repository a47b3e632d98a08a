package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.admin.BindingChangeException;
import org.cityhub.api.admin.BindingInfo;

/** Updates a binding's bundle in place; its things restart with their definitions and states. */
@Command(scope = "cityhub", name = "binding-update", description = "Updates a binding's bundle (from its own"
        + " location, or the one given); its things restart, keeping definitions and states")
@Service
public class BindingUpdateCommand extends BindingCommand {

    @Argument(index = 0, name = "binding", required = true, description = "The binding's id, e.g. simulator")
    @Completion(BindingIdCompleter.class)
    String id;

    @Argument(index = 1, name = "location", description = "Where the new revision is (mvn:…, file:…); default: the"
            + " bundle's own location")
    String location;

    @Override
    String change() throws BindingChangeException {
        BindingInfo updated = bindings.update(id, location);
        return "updated binding " + updated.id() + " to " + updated.bundle() + " " + updated.version();
    }

    @Override
    String auditTarget() {
        return id;
    }

    @Override
    String auditDetail() {
        return location == null ? "" : "location " + location;
    }
}
