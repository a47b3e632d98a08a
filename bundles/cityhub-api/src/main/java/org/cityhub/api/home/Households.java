package org.cityhub.api.home;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The hub's households. They survive restarts; every change is audited and published as
 * {@code cityhub/households/{id}/added}, {@code .../updated} or {@code .../removed}. A service of the hub; whoever
 * calls it has already decided that the actor may make the change.
 */
@ProviderType
public interface Households {

    /** Every household, by id. */
    List<Household> list();

    /** The household with this id. */
    Optional<Household> get(String id);

    /**
     * Creates a household, or changes the label, address and district of one the same office keeps.
     *
     * @param actor who asks, for the audit trail
     * @return the household as kept
     * @throws HouseholdException if the draft is invalid, or another office keeps a household of that id
     */
    Household put(HouseholdDraft draft, String actor) throws HouseholdException;

    /**
     * Removes a household that no thing belongs to any more: its consents are revoked and its residents' tokens
     * stop working.
     *
     * @param actor who asks, for the audit trail
     * @throws HouseholdException if there is no such household or things still belong to it
     */
    void remove(String id, String actor) throws HouseholdException;
}
