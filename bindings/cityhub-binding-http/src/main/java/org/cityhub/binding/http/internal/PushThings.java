package org.cityhub.binding.http.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.thing.ThingUID;
import org.osgi.service.component.annotations.Component;

/** The running {@code http:push} things, where pushed documents find them. */
@Component(service = PushThings.class)
public final class PushThings {

    private final Map<ThingUID, PushHandler> running = new ConcurrentHashMap<>();

    void started(PushHandler handler) {
        running.put(handler.thing().uid(), handler);
    }

    void stopped(PushHandler handler) {
        running.remove(handler.thing().uid(), handler);
    }

    Optional<PushHandler> get(ThingUID thing) {
        return Optional.ofNullable(running.get(thing));
    }
}
