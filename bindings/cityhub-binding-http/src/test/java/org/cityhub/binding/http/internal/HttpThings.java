package org.cityhub.binding.http.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.test.HandlerHarness;
import org.cityhub.test.TestOutboundPolicy;
import org.cityhub.test.ThingConfiguration;

/** Builds the binding's things for tests and starts them in harnesses, endpoint first. */
final class HttpThings {

    static final Duration WAIT = Duration.ofSeconds(20);

    final TestOutboundPolicy outbound = new TestOutboundPolicy();
    final HttpHandlerFactory factory = new HttpHandlerFactory(new IngestThings(), outbound);

    static Map<String, Object> config(Object... pairs) {
        return ThingConfiguration.of(pairs);
    }

    static Map<String, Object> channel(String id, String itemType, Object... settings) {
        return ThingConfiguration.channel(id, itemType, settings);
    }

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
        return item(endpoint, id, resource, key, channels, null);
    }

    HandlerHarness item(HandlerHarness endpoint, String id, String resource, String key,
            List<Map<String, Object>> channels, String department) {
        return HandlerHarness.start(factory, thing("http:item:" + id, endpoint, config("resource", resource, "key", key,
                "channels", channels), department), endpoint.handler());
    }

    static Thing thing(String uid, HandlerHarness bridge, Map<String, Object> config) {
        return thing(uid, bridge, config, null);
    }

    static Thing thing(String uid, HandlerHarness bridge, Map<String, Object> config, String department) {
        return new Thing(ThingUID.parse(uid), uid, bridge == null ? null : bridge.handler().thing().uid(), department,
                null, Set.of(), Map.of(), config);
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
