package org.cityhub.binding.http.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.thing.ThingUID;
import org.osgi.service.component.annotations.Component;

/** The running {@code http:push} things, where pushed documents find them. */
@Component(service = IngestThings.class)
public final class IngestThings {

    private final Map<ThingUID, IngestThingHandler> running = new ConcurrentHashMap<>();

    void started(IngestThingHandler handler) {
        running.put(handler.thing().uid(), handler);
    }

    void stopped(IngestThingHandler handler) {
        running.remove(handler.thing().uid(), handler);
    }

    Optional<IngestThingHandler> get(ThingUID thing) {
        return Optional.ofNullable(running.get(thing));
    }
}
