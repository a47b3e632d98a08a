package org.cityhub.rest.internal;

import java.io.IOException;
import java.util.function.Predicate;

import org.cityhub.api.event.Event;
import org.cityhub.api.security.Role;
import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.json.ModelJson;

/**
 * Which events a token's stream carries: token events for admins only; thing and channel events of the token's
 * departments; everything else (bindings, inbox) for tokens of all departments only.
 */
final class EventVisibility implements Predicate<Event> {

    private static final String THINGS = "cityhub/things/";
    private static final String TOKENS = "cityhub/tokens/";

    private final TokenInfo token;
    private final ThingRegistry things;

    private EventVisibility(TokenInfo token, ThingRegistry things) {
        this.token = token;
        this.things = things;
    }

    static Predicate<Event> of(TokenInfo token, ThingRegistry things) {
        return new EventVisibility(token, things);
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
        return topic.startsWith(THINGS) && token.scope().includes(department(event, topic));
    }

    /** The department of the event's thing; for a thing already removed, the one its removal event names. */
    private String department(Event event, String topic) {
        int end = topic.indexOf('/', THINGS.length());
        String uid = topic.substring(THINGS.length(), end < 0 ? topic.length() : end);
        try {
            return things.get(ThingUID.parse(uid)).map(thing -> thing.department())
                    .orElseGet(() -> departmentInPayload(event));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String departmentInPayload(Event event) {
        try {
            return ModelJson.MAPPER.readTree(event.payload()).path("department").textValue();
        } catch (IOException e) {
            return null;
        }
    }
}
