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
 * Which events a token's stream carries: everything for admins, token events for them only. A department token
 * gets the thing and channel events of its departments' things (by the department the event carries, the thing's
 * when it was published); of things granted to its departments (a household's only by its consent), the status and
 * the granted channels' events, decided by the grants in force when the event is tested (so a revocation stops them
 * at once), never the definitions, which are their owner's; grant events of the grants its departments gave or
 * received; household events of the households its departments keep as community office; city events addressed to
 * its departments and the firings of their rules; everything else (bindings, inbox) for tokens of all departments
 * only. A resident gets its households' things' events and its households' grant and household events, nothing
 * else.
 */
final class EventVisibility implements Predicate<Event> {

    private static final String THINGS = "cityhub/things/";
    private static final String TOKENS = "cityhub/tokens/";
    private static final String GRANTS = "cityhub/grants/";
    private static final String HOUSEHOLDS = "cityhub/households/";
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
        this.audience = Caller.audienceOf(token, grants);
        this.things = things;
        this.grants = grants;
    }

    static Predicate<Event> of(TokenInfo token, Grants grants, ThingRegistry things) {
        return new EventVisibility(token, grants, things);
    }

    @Override
    public boolean test(Event event) {
        String topic = event.topic();
        if (token.role() == Role.ADMIN) {
            return true;
        }
        if (topic.startsWith(TOKENS)) {
            return false;
        }
        if (token.isResident()) {
            return residentSees(topic);
        }
        DepartmentScope scope = token.scope();
        if (topic.startsWith(GRANTS)) {
            return grant(topic).filter(grant -> scope.includes(grant.grantee())
                    || grant.owner().department() != null && scope.includes(grant.owner().department())).isPresent();
        }
        if (topic.startsWith(CITY) || topic.startsWith(RULES) || topic.startsWith(HOUSEHOLDS)) {
            return scope.includes(event.department());
        }
        if (!topic.startsWith(THINGS)) {
            return scope.isAll();
        }
        if (event.department() != null && scope.includes(event.department())) {
            return true;
        }
        Optional<Thing> thing = thing(topic);
        if (scope.isAll() && thing.filter(t -> t.household() == null).isPresent()) {
            return true; // the hub's own things, which belong to no department
        }
        return audience.receivesGrants() && thing.filter(t -> granted(t, topic)).isPresent();
    }

    private boolean residentSees(String topic) {
        if (topic.startsWith(THINGS)) {
            return thing(topic).filter(audience::owns).isPresent();
        }
        if (topic.startsWith(GRANTS)) {
            return grant(topic).map(grant -> grant.owner().household()).filter(token.households()::contains)
                    .isPresent();
        }
        if (topic.startsWith(HOUSEHOLDS)) {
            int end = topic.indexOf('/', HOUSEHOLDS.length());
            return end > 0 && token.households().contains(topic.substring(HOUSEHOLDS.length(), end));
        }
        return false;
    }

    /** The thing a thing event is about, if the hub has it. */
    private Optional<Thing> thing(String topic) {
        int end = topic.indexOf('/', THINGS.length());
        if (end < 0) {
            return Optional.empty();
        }
        try {
            return things.get(ThingUID.parse(topic.substring(THINGS.length(), end)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether a thing event of a thing not the token's own is its status, or a granted channel's event. */
    private boolean granted(Thing thing, String topic) {
        String rest = topic.substring(THINGS.length() + thing.uid().toString().length() + 1);
        if (rest.equals("status")) {
            return audience.sees(thing);
        }
        int channelEnd = rest.indexOf('/', CHANNELS.length());
        return rest.startsWith(CHANNELS) && channelEnd > 0
                && audience.seesChannel(thing, rest.substring(CHANNELS.length(), channelEnd));
    }

    private Optional<Grant> grant(String topic) {
        int end = topic.indexOf('/', GRANTS.length());
        return end < 0 ? Optional.empty() : grants.get(topic.substring(GRANTS.length(), end));
    }
}
