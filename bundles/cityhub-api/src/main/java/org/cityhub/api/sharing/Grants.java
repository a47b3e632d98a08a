package org.cityhub.api.sharing;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cityhub.api.security.DepartmentScope;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The hub's one registry of grants. Grants are stored and survive restarts; every change is audited and published
 * as {@code cityhub/grants/{id}/added} or {@code .../removed} (revoked). A service of the hub; whoever calls it has
 * already decided that the actor may make the change.
 */
@ProviderType
public interface Grants {

    /** Every grant, in force or ended (revoked, expired), oldest first. */
    List<Grant> list();

    /** The grant with this id. */
    Optional<Grant> get(String id);

    /**
     * Makes a grant, in force at once.
     *
     * @param actor who asks, for the grant and the audit trail
     * @throws GrantException if the draft is invalid or its id taken
     */
    Grant create(GrantDraft draft, String actor) throws GrantException;

    /**
     * Revokes a grant, at once on every surface; the grant is kept, marked revoked.
     *
     * @param actor who asks, for the grant and the audit trail
     * @throws GrantException if there is no such grant or it has ended already
     */
    Grant revoke(String id, String actor) throws GrantException;

    /**
     * What this scope of departments may see and command, answered from the grants in force at each question. A
     * department, even a scope of every department, sees a household's things only by that household's consent.
     */
    Audience audience(DepartmentScope scope);

    /**
     * What residents of these households may see and command: their households' things, all of them, and nothing
     * else (grants go to departments, never to residents).
     *
     * @since 1.1
     */
    Audience householdAudience(Set<String> households);

    /**
     * What the hub's keepers (admins) see: every thing, homes included, as they must to keep the hub running.
     *
     * @since 1.1
     */
    Audience hubAudience();
}
