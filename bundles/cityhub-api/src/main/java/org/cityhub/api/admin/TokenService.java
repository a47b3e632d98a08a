package org.cityhub.api.admin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The API's access tokens. A token is at least 128 random bits, shown once when it is created and stored only
 * as a hash; it can expire and can be revoked with immediate effect. Creating and revoking a token publishes
 * {@code cityhub/tokens/{name}/added} and {@code .../removed} on the event bus. A service of the hub.
 */
@ProviderType
public interface TokenService {

    /**
     * Creates a token. Admin tokens always see every department.
     *
     * @param name unique, {@code [a-z0-9][a-z0-9._-]*}, at most 64 characters
     * @param lifetime how long the token works; null for no expiry
     * @param createdBy who asks, for the audit trail
     * @throws TokenException if the name is taken or invalid, or the token could not be stored
     */
    IssuedToken create(String name, Role role, DepartmentScope scope, @Nullable Duration lifetime, String createdBy)
            throws TokenException;

    /**
     * Creates a resident's token, which sees and commands these households' things alone (and gives their
     * consents). The community office issues them; a device never does.
     *
     * @param name unique, {@code [a-z0-9][a-z0-9._-]*}, at most 64 characters
     * @param households the households, each one the hub knows
     * @param lifetime how long the token works; null for no expiry
     * @param createdBy who asks, for the audit trail
     * @throws TokenException if the name is taken or invalid, a household is unknown, or the token could not be
     *         stored
     */
    IssuedToken createResident(String name, Set<String> households, @Nullable Duration lifetime, String createdBy)
            throws TokenException;

    /** Every token that has not been revoked (expired ones included, marked by their expiry), by name. */
    List<TokenInfo> list();

    /** The token with this name. */
    Optional<TokenInfo> get(String name);

    /** The live token whose secret this is: empty if it is unknown, revoked or expired. */
    Optional<TokenInfo> authenticate(String secret);

    /** Whether a token accepted earlier still works: not revoked, replaced or expired since. */
    boolean isLive(TokenInfo token);

    /**
     * Revokes a token: it stops working at once.
     *
     * @throws TokenException if no token has this name, or the change could not be stored
     */
    void revoke(String name) throws TokenException;
}
