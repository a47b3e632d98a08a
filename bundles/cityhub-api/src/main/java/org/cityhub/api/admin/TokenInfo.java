package org.cityhub.api.admin;

import java.time.Instant;

import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What the hub knows of a token, without its secret.
 *
 * @param name the token's unique name, chosen by whoever created it
 * @param role what the token may do
 * @param scope the departments it may see
 * @param created when it was created
 * @param expires when it stops working; null if never
 * @param createdBy who created it
 */
public record TokenInfo(String name, Role role, DepartmentScope scope, Instant created, @Nullable Instant expires,
        String createdBy) {

    /** Whether the token has expired at this instant. */
    public boolean expiredAt(Instant now) {
        Instant end = expires;
        return end != null && !now.isBefore(end);
    }
}
