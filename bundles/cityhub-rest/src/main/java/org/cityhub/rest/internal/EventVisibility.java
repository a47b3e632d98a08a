package org.cityhub.rest.internal;

import java.util.function.Predicate;

import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.event.Event;
import org.cityhub.api.security.Role;

/**
 * Which events a token's stream carries: token events for admins only; thing and channel events of the token's
 * departments, by the department the event carries (the thing's when it was published); everything else
 * (bindings, inbox) for tokens of all departments only.
 */
final class EventVisibility implements Predicate<Event> {

    private static final String THINGS = "cityhub/things/";
    private static final String TOKENS = "cityhub/tokens/";

    private final TokenInfo token;

    private EventVisibility(TokenInfo token) {
        this.token = token;
    }

    static Predicate<Event> of(TokenInfo token) {
        return new EventVisibility(token);
    }

    @Override
    public boolean test(Event event) {
        String topic = event.topic();
        if (topic.startsWith(TOKENS)) {
            return token.role() == Role.ADMIN;
        }
        if (token.scope().isAll()) {
            return true;
        }
        return topic.startsWith(THINGS) && token.scope().includes(event.department());
    }
}
