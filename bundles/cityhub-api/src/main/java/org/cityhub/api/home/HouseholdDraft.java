package org.cityhub.api.home;

/**
 * A household as the community office describes it, before the hub keeps it.
 *
 * @param id the household's id, {@code [a-z0-9-]+}, at most 64 characters
 * @param label a name for people, 1 to 200 characters
 * @param address the flat's address, 1 to 500 characters
 * @param district the city district, 1 to 100 characters
 * @param office the community office's department, {@code [a-z0-9-]+}
 */
public record HouseholdDraft(String id, String label, String address, String district, String office) {
}
