package org.cityhub.api.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a token may do; each role may do everything the roles before it may. A resident reaches less than a viewer
 * (its household's things only) and is admitted only by routes that say they take residents.
 */
public enum Role {

    /** Sees and commands its household's things, and grants departments consent to see them; nothing else. */
    RESIDENT,
    /** Reads things, states, types, events and metrics. */
    VIEWER,
    /** Also sends commands and pushes data for ingest. */
    OPERATOR,
    /** Also creates, changes and removes things and handles the inbox. */
    INTEGRATOR,
    /** Also manages bindings, tokens, backups and the audit trail, in every department. */
    ADMIN;

    /** Whether this role may do what {@code required} may. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /** The role's name as users type it: {@code viewer}, {@code operator}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role with this name, in any case.
     *
     * @throws IllegalArgumentException naming the roles there are
     */
    public static Role parse(String name) {
        for (Role role : values()) {
            if (role.id().equalsIgnoreCase(name.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "'; the roles are "
                + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")));
    }
}
