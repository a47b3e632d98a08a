package org.cityhub.rest.internal;

import java.util.Optional;
import java.util.function.Predicate;

import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.event.Event;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.sharing.Audience;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.Grants;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingUID;

/**
 * Which events a token's stream carries: token events for admins only; thing and channel events of the token's
 * departments, by the department the event carries (the thing's when it was published); of things granted to
 * them, the status and the granted channels' events, decided by the grants in force when the event is tested (so a
 * revocation stops them at once), never the definitions, which are their owner's; grant events of the grants its
 * departments gave or received; city events addressed to its departments and the firings of their rules;
 * everything else (bindings, inbox) for tokens of all departments only.
 */
final class EventVisibility implements Predicate<Event> {

    private static final String THINGS = "cityhub/things/";
    private static final String TOKENS = "cityhub/tokens/";
    private static final String GRANTS = "cityhub/grants/";
    private static final String CHANNELS = "channels/";
    /** City events, published by rules to the department each is addressed to. */
    private static final String CITY = "cityhub/city/";
    /** Rules' firings, published with the rule's department. */
    private static final String RULES = "cityhub/rules/";

    private final TokenInfo token;
    private final Audience audience;
    private final ThingRegistry things;
    private final Grants grants;

    private EventVisibility(TokenInfo token, Grants grants, ThingRegistry things) {
        this.token = token;
        this.audience = grants.audience(token.scope());
        this.things = things;
        this.grants = grants;
    }

    static Predicate<Event> of(TokenInfo token, Grants grants, ThingRegistry things) {
        return new EventVisibility(token, grants, things);
    }

    @Override
    public boolean test(Event event) {
        String topic = event.topic();
        if (topic.startsWith(TOKENS)) {
            return token.role() == Role.ADMIN;
        }
        DepartmentScope scope = token.scope();
        if (scope.isAll()) {
            return true;
        }
        if (topic.startsWith(GRANTS)) {
            return grant(topic).filter(grant -> scope.includes(grant.grantee())
                    || grant.owner().department() != null && scope.includes(grant.owner().department())).isPresent();
        }
        if (topic.startsWith(CITY) || topic.startsWith(RULES)) {
            return scope.includes(event.department());
        }
        if (!topic.startsWith(THINGS)) {
            return false;
        }
        return scope.includes(event.department()) || audience.receivesGrants() && granted(topic);
    }

    /** Whether a thing event of another department is the status, or a granted channel's event, of a granted thing. */
    private boolean granted(String topic) {
        int end = topic.indexOf('/', THINGS.length());
        if (end < 0) {
            return false;
        }
        Optional<Thing> thing;
        try {
            thing = things.get(ThingUID.parse(topic.substring(THINGS.length(), end)));
        } catch (IllegalArgumentException e) {
            return false;
        }
        String rest = topic.substring(end + 1);
        if (rest.equals("status")) {
            return thing.filter(audience::sees).isPresent();
        }
        int channelEnd = rest.indexOf('/', CHANNELS.length());
        return rest.startsWith(CHANNELS) && channelEnd > 0
                && thing.filter(t -> audience.seesChannel(t, rest.substring(CHANNELS.length(), channelEnd))).isPresent();
    }

    private Optional<Grant> grant(String topic) {
        int end = topic.indexOf('/', GRANTS.length());
        return end < 0 ? Optional.empty() : grants.get(topic.substring(GRANTS.length(), end));
    }
}
