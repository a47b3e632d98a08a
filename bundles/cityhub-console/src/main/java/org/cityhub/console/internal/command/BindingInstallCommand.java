package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.admin.BindingChangeException;
import org.cityhub.api.admin.BindingInfo;

/** Installs a binding by feature or bundle location, refreshing no other bundle. */
@Command(scope = "cityhub", name = "binding-install", description = "Installs a binding by feature name"
        + " (cityhub-binding-…) or bundle location (mvn:…, file:…), without refreshing any other bundle")
@Service
public class BindingInstallCommand extends BindingCommand {

    @Argument(index = 0, name = "feature-or-location", required = true,
            description = "A feature name such as cityhub-binding-simulator, or a bundle location")
    String what;

    @Override
    String change() throws BindingChangeException {
        BindingInfo installed = bindings.install(what);
        return "installed binding " + installed.id() + " (" + installed.bundle() + " " + installed.version() + ")";
    }

    @Override
    String auditTarget() {
        return what;
    }
}
