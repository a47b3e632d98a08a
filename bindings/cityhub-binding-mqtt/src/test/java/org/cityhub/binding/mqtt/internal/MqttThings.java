package org.cityhub.binding.mqtt.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityhub.api.discovery.DiscoveryResult;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.test.HandlerHarness;
import org.cityhub.test.TestOutboundPolicy;
import org.cityhub.test.ThingConfiguration;

/** Builds the binding's things for tests and starts them in harnesses, broker first. */
final class MqttThings {

    static final Duration WAIT = Duration.ofSeconds(20);

    final HomeAssistantDiscovery discovery = new HomeAssistantDiscovery();
    final Zigbee2MqttDiscovery zigbeeDiscovery = new Zigbee2MqttDiscovery();
    final TestOutboundPolicy outbound = new TestOutboundPolicy();
    final MqttHandlerFactory factory = new MqttHandlerFactory(discovery, zigbeeDiscovery, outbound);

    static Map<String, Object> config(Object... pairs) {
        return ThingConfiguration.of(pairs);
    }

    static Map<String, Object> channel(String id, String itemType, Object... settings) {
        return ThingConfiguration.channel(id, itemType, settings);
    }

    HandlerHarness broker(String id, Map<String, Object> config) {
        config.putIfAbsent("host", "127.0.0.1");
        return HandlerHarness.start(factory, new Thing(ThingUID.parse("mqtt:broker:" + id), id, null, null, null,
                Set.of(), Map.of(), config));
    }

    HandlerHarness device(HandlerHarness broker, String id, List<Map<String, Object>> channels, Object... more) {
        Map<String, Object> config = config(more);
        config.put("channels", channels);
        return HandlerHarness.start(factory, new Thing(ThingUID.parse("mqtt:topic:" + id), id,
                broker.handler().thing().uid(), null, null, Set.of(), Map.of(), config), broker.handler());
    }

    /** A thing made of a discovery result, as approving it in the inbox makes it, started behind its broker. */
    HandlerHarness approved(HandlerHarness broker, DiscoveryResult result) {
        return HandlerHarness.start(factory, new Thing(result.thingUID(), result.label(), result.bridgeUID(), null,
                null, Set.of(), result.properties(), result.configuration()), broker.handler());
    }

    static void awaitStatus(HandlerHarness thing, ThingStatus status) {
        thing.runUntil(() -> !thing.statuses().isEmpty() && thing.status().status() == status, WAIT);
    }
}
