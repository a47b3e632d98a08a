package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.GrantException;
import org.cityhub.api.sharing.Grants;

/** Revokes a grant, at once on every surface. */
@Command(scope = "cityhub", name = "revoke", description = "Revokes a grant: its grantee stops seeing and commanding"
        + " what it selected at once, open event streams included; the grant is kept, marked revoked")
@Service
public class RevokeCommand extends AuditedAction {

    @Argument(index = 0, name = "id", required = true, description = "The grant's id, as cityhub:grants lists it")
    @Completion(GrantIdCompleter.class)
    String id;

    @Reference
    private Grants grants;

    @Override
    Object run() throws GrantException {
        if (grants.get(id).filter(grant -> grant.owner().household() != null).isPresent()) {
            requireAdmin("revoking a household's consent");
        }
        Grant revoked = grants.revoke(id, actor());
        System.out.println("revoked " + revoked.id() + ": " + revoked.grantee() + " no longer sees what "
                + revoked.owner() + " shared");
        return null;
    }

    @Override
    String auditTarget() {
        return "grant:" + id;
    }
}
