package org.cityhub.api.federation;

import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;

/**
 * Who sends a command to a thing of another hub, as it travels with the command (with the id of the hub they signed
 * in to): the hub that owns the thing authorises it again with the caller's role and departments, under its own
 * grants.
 *
 * @param name the caller's token name, for the owning hub's log
 * @param role the caller's role
 * @param departments the caller's departments
 */
public record RemoteCaller(String name, Role role, DepartmentScope departments) {
}
