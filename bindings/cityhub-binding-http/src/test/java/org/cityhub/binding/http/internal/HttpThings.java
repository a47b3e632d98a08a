package org.cityhub.binding.http.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.test.HandlerHarness;

/** Builds the binding's things for tests and starts them in harnesses, endpoint first. */
final class HttpThings {

    static final Duration WAIT = Duration.ofSeconds(20);

    final HttpHandlerFactory factory = new HttpHandlerFactory(new PushThings());

    /** A configuration from key-value pairs; integers become decimals, as the hub stores them. */
    static Map<String, Object> config(Object... pairs) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            config.put((String) pairs[i], value instanceof Integer n ? BigDecimal.valueOf(n) : value);
        }
        return config;
    }

    /** A channel entry of a thing that defines its own channels. */
    static Map<String, Object> channel(String id, String itemType, Object... settings) {
        Map<String, Object> channel = config(settings);
        channel.put("id", id);
        channel.put("itemType", itemType);
        return channel;
    }

    /**
     * An endpoint; unless the test sets {@code requestsPerSecond}, one that does not pace requests, since its
     * resources' virtual clocks do not move while a test waits for real answers.
     */
    HandlerHarness endpoint(String id, Map<String, Object> config) {
        config.putIfAbsent("requestsPerSecond", BigDecimal.valueOf(1000));
        return HandlerHarness.start(factory, thing("http:endpoint:" + id, null, config));
    }

    HandlerHarness resource(HandlerHarness endpoint, String id, String path, List<Map<String, Object>> channels,
            Object... more) {
        Map<String, Object> config = config(more);
        config.put("path", path);
        config.put("channels", channels);
        return HandlerHarness.start(factory, thing("http:resource:" + id, endpoint, config), endpoint.handler());
    }

    HandlerHarness item(HandlerHarness endpoint, String id, String resource, String key,
            List<Map<String, Object>> channels) {
        return HandlerHarness.start(factory, thing("http:item:" + id, endpoint, config("resource", resource, "key", key,
                "channels", channels)), endpoint.handler());
    }

    static Thing thing(String uid, HandlerHarness bridge, Map<String, Object> config) {
        return new Thing(ThingUID.parse(uid), uid, bridge == null ? null : bridge.handler().thing().uid(), null, null,
                Set.of(), Map.of(), config);
    }

    /** Runs the harness until it reports the status. */
    static void awaitStatus(HandlerHarness thing, ThingStatus status) {
        thing.runUntil(() -> !thing.statuses().isEmpty() && thing.status().status() == status, WAIT);
    }

    /** Runs the harness until it has reported more statuses than before (an answer was handled). */
    static void awaitNextStatus(HandlerHarness thing, int before) {
        thing.runUntil(() -> thing.statuses().size() > before, WAIT);
    }
}
