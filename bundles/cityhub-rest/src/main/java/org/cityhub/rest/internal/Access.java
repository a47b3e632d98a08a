package org.cityhub.rest.internal;

import org.cityhub.api.security.Role;

/**
 * Who may call a route: the least role, and how the token's departments count. Every route has one; the
 * authorization matrix test checks each against the answers the API gives.
 *
 * @param role the least role; ignored for {@link Scope#PUBLIC}
 * @param scope how departments count
 * @param ticket whether a single-use SSE ticket ({@code ?ticket=}) is accepted instead of a bearer token
 * @param residents whether residents' tokens are admitted too (they reach their households' things alone, so the
 *        route must answer from the caller's audience)
 */
record Access(Role role, Scope scope, boolean ticket, boolean residents) {

    /** How a route treats the token's department scope. */
    enum Scope {
        /** No token needed. */
        PUBLIC,
        /** Any token; the route shows and changes only things of the token's departments (others are 404). */
        DEPARTMENT,
        /** Only tokens of all departments ({@code *}): the route is about the whole hub. */
        HUB
    }

    static final Access PUBLIC = new Access(Role.VIEWER, Scope.PUBLIC, false, false);

    /** The role, department-scoped. */
    static Access department(Role role) {
        return new Access(role, Scope.DEPARTMENT, false, false);
    }

    /** The role, for tokens of all departments only. */
    static Access hub(Role role) {
        return new Access(role, Scope.HUB, false, false);
    }

    /** This access, also granted by a single-use SSE ticket. */
    Access orTicket() {
        return new Access(role, scope, true, residents);
    }

    /** This access, also granted to residents for their households' things. */
    Access orResident() {
        return new Access(role, scope, ticket, true);
    }
}
