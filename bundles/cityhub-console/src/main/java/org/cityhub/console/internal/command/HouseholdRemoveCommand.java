package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.home.HouseholdException;
import org.cityhub.api.home.Households;

/** Removes a household that owns no thing. */
@Command(scope = "cityhub", name = "household-remove", description = "Removes a household that owns no thing any"
        + " more; its consents are revoked and its residents' tokens stop working")
@Service
public class HouseholdRemoveCommand extends AuditedAction {

    @Argument(index = 0, name = "id", required = true, description = "The household's id")
    String id;

    @Reference
    private Households households;

    @Override
    Object run() throws HouseholdException {
        households.remove(id, actor());
        System.out.println("removed household " + id + "; its consents and residents' tokens have ended");
        return null;
    }

    @Override
    String auditTarget() {
        return "household:" + id;
    }
}
