package org.cityhub.api.home;

import java.time.Instant;
import java.util.Objects;

/**
 * A home: the owner of the things in one flat. The community office that keeps it creates it and issues its
 * residents' tokens; the residents decide, by consent, which department sees which of its things.
 *
 * @param id the household's id, {@code [a-z0-9-]+}, as things and grants name it
 * @param label a name for people (often the flat's number)
 * @param address the flat's address
 * @param district the city district it is in
 * @param office the department of the community office that keeps it (creates it, issues its tokens)
 * @param created when it was created
 * @param createdBy who created it, as the audit trail names actors
 */
public record Household(String id, String label, String address, String district, String office, Instant created,
        String createdBy) {

    public Household {
        Objects.requireNonNull(id);
        Objects.requireNonNull(label);
        Objects.requireNonNull(address);
        Objects.requireNonNull(district);
        Objects.requireNonNull(office);
        Objects.requireNonNull(created);
        Objects.requireNonNull(createdBy);
    }
}
