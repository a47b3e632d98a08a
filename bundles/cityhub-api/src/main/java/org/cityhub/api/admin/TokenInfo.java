package org.cityhub.api.admin;

import java.time.Instant;
import java.util.Set;

import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What the hub knows of a token, without its secret.
 *
 * @param name the token's unique name, chosen by whoever created it
 * @param role what the token may do
 * @param scope the departments it may see; not consulted for a resident, which sees no department's things
 * @param created when it was created
 * @param expires when it stops working; null if never
 * @param createdBy who created it
 * @param households for a {@link Role#RESIDENT resident}, the households whose things it sees (at least one);
 *        empty for every other role
 */
public record TokenInfo(String name, Role role, DepartmentScope scope, Instant created, @Nullable Instant expires,
        String createdBy, Set<String> households) {

    /** @throws IllegalArgumentException unless a resident has households and no other role has any */
    public TokenInfo {
        households = households == null ? Set.of() : Set.copyOf(households);
        if ((role == Role.RESIDENT) == households.isEmpty()) {
            throw new IllegalArgumentException(role == Role.RESIDENT ? "resident token '" + name
                    + "' names no household" : "token '" + name + "' has role " + role.id()
                            + "; only residents' tokens are scoped to households");
        }
    }

    /**
     * A department token, as before households existed.
     *
     * @param name the token's unique name
     * @param role what the token may do; not {@link Role#RESIDENT}
     * @param scope the departments it may see
     * @param created when it was created
     * @param expires when it stops working; null if never
     * @param createdBy who created it
     */
    public TokenInfo(String name, Role role, DepartmentScope scope, Instant created, @Nullable Instant expires,
            String createdBy) {
        this(name, role, scope, created, expires, createdBy, Set.of());
    }

    /** Whether this is a resident's token, which reaches its households' things alone. */
    public boolean isResident() {
        return role == Role.RESIDENT;
    }

    /** Whether the token has expired at this instant. */
    public boolean expiredAt(Instant now) {
        Instant end = expires;
        return end != null && !now.isBefore(end);
    }
}
