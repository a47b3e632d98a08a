package org.cityhub.core.internal.thing.source;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingUID;

/**
 * One instance of each equal value among the things of a file: a city's things repeat their types, departments,
 * tags, bridges and configuration values, and a hundred thousand copies of each would cost megabytes.
 */
final class SharedValues {

    private final Map<Object, Object> seen = new HashMap<>();

    /** The thing, made of the values already seen where they are equal. */
    Thing shared(Thing thing) {
        return new Thing(new ThingUID(one(thing.thingTypeUID()), thing.uid().id()), thing.label(),
                thing.bridgeUID() == null ? null : one(thing.bridgeUID()),
                thing.department() == null ? null : one(thing.department()), thing.location(),
                thing.tags().stream().map(this::one).collect(Collectors.toSet()), thing.properties(),
                values(thing.configuration()), thing.sharedWith().stream().map(this::one).collect(Collectors.toSet()),
                thing.household() == null ? null : one(thing.household()), thing.labels());
    }

    private Map<String, Object> values(Map<String, Object> configuration) {
        Map<String, Object> shared = new LinkedHashMap<>();
        configuration.forEach((name, value) -> shared.put(one(name), one(value)));
        return shared;
    }

    @SuppressWarnings("unchecked")
    private <T> T one(T value) {
        return (T) seen.computeIfAbsent(value, any -> value);
    }
}
