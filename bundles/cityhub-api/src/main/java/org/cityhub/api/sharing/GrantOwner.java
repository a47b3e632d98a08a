package org.cityhub.api.sharing;

import java.util.Objects;
import java.util.regex.Pattern;

import org.cityhub.api.thing.Thing;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Who shares: a department, or a household (whose grants are its consent). Exactly one of the two is set.
 *
 * @param department the owning department, or {@code null}
 * @param household the owning household, or {@code null}
 */
public record GrantOwner(@Nullable String department, @Nullable String household) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

    /** @throws IllegalArgumentException unless exactly one of the two is a valid name */
    public GrantOwner {
        if ((department == null) == (household == null)) {
            throw new IllegalArgumentException("an owner is a department or a household: {\"department\": \"water\"}"
                    + " or {\"household\": \"<id>\"}");
        }
        String name = department != null ? department : household;
        if (!NAME.matcher(Objects.requireNonNull(name)).matches()) {
            throw new IllegalArgumentException("owner '" + name + "' is not a name: use lower-case letters, digits"
                    + " and '-'");
        }
    }

    /** A department as owner. */
    public static GrantOwner department(String department) {
        return new GrantOwner(department, null);
    }

    /** A household as owner: its grants are its consent. @since 1.1 */
    public static GrantOwner household(String household) {
        return new GrantOwner(null, household);
    }

    /** Whether the thing is this owner's. */
    public boolean owns(Thing thing) {
        return department != null ? department.equals(thing.department()) : Objects.equals(household,
                thing.household());
    }

    /** {@code department:NAME} or {@code household:ID}. */
    @Override
    public String toString() {
        return department != null ? "department:" + department : "household:" + household;
    }
}
