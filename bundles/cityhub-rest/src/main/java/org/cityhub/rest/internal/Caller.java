package org.cityhub.rest.internal;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import javax.servlet.http.HttpServletRequest;

import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.security.Role;
import org.cityhub.api.sharing.Audience;
import org.cityhub.api.sharing.Grants;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingQuery;
import org.cityhub.api.thing.ThingRegistry;

/**
 * Who is calling: the token the request was authenticated with and the client's address. Attached to the request
 * by {@link AccessControl}, read by the resources.
 *
 * @param token the caller's token
 * @param address the client's address
 * @param audience what the token's departments see and command, its own things and those granted to them
 */
record Caller(TokenInfo token, String address, Audience audience) {

    private static final String ATTRIBUTE = Caller.class.getName();
    private static final String DETAIL = Caller.class.getName() + ".detail";

    /** The authenticated caller of a request to a route that needs a token. */
    static Caller of(HttpServletRequest request) {
        return find(request).orElseThrow(() -> new IllegalStateException("the request was not authenticated"));
    }

    /** The caller, if the request carried a valid token (public routes may be called without one). */
    static Optional<Caller> find(HttpServletRequest request) {
        return Optional.ofNullable((Caller) request.getAttribute(ATTRIBUTE));
    }

    void attachTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /**
     * What a token sees and commands: an admin everything (homes included, to keep the hub), a resident its
     * households' things, any other token its departments' things and what was granted to them.
     */
    static Audience audienceOf(TokenInfo token, Grants grants) {
        if (token.role() == Role.ADMIN) {
            return grants.hubAudience();
        }
        return token.isResident() ? grants.householdAudience(token.households()) : grants.audience(token.scope());
    }

    /** Whether the caller may see the thing: its department is in the token's scope, or it was granted. */
    boolean sees(Thing thing) {
        return audience.sees(thing);
    }

    /** Whether the thing is the caller's departments' own: only then may it change the thing. */
    boolean owns(Thing thing) {
        return audience.owns(thing);
    }

    /** Which things the caller sees, as the registry's queries take it. */
    Predicate<Thing> visibility() {
        return token.role() == Role.ADMIN ? ThingRegistry.EVERY_THING : this::sees;
    }

    /**
     * The query, narrowed to the caller's department when it sees only that one's things (no grants reach it), so
     * that an index finds them.
     */
    ThingQuery narrowed(ThingQuery query) {
        Set<String> departments = token.scope().departments();
        if (token.isResident() || query.department() != null || departments.size() != 1 || audience.receivesGrants()) {
            return query;
        }
        return new ThingQuery(departments.iterator().next(), query.bindingId(), query.thingTypeUID(), query.status(),
                query.tag(), query.boundingBox());
    }

    /** The actor as the audit trail names it. */
    String actor() {
        return "token:" + token.name();
    }

    /** Notes what a change asked for (say, the command sent), for the audit trail. */
    static void noteForAudit(HttpServletRequest request, String detail) {
        request.setAttribute(DETAIL, detail);
    }

    /** What the request's handler noted for the audit trail; empty if nothing. */
    static String auditDetail(HttpServletRequest request) {
        Object detail = request.getAttribute(DETAIL);
        return detail == null ? "" : detail.toString();
    }
}
