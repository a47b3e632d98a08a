package org.cityhub.json;

import org.cityhub.api.discovery.DiscoveryResult;
import org.cityhub.api.discovery.InboxEntry;
import org.cityhub.api.thing.ThingUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Discovery results and inbox entries in their JSON shapes. */
public final class DiscoveryJson {

    private DiscoveryJson() {
    }

    /** {@code {"thingUID", "label", "bridgeUID"?, "properties", "configuration"}}. */
    public static ObjectNode discoveryResult(DiscoveryResult result) {
        ObjectNode node = Json.object().put("thingUID", result.thingUID().toString()).put("label", result.label());
        if (result.bridgeUID() != null) {
            node.put("bridgeUID", result.bridgeUID().toString());
        }
        Fields.putProperties(node, result.properties());
        Fields.putConfiguration(node, result.configuration());
        return node;
    }

    /**
     * Parses what {@link #discoveryResult(DiscoveryResult)} writes.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static DiscoveryResult parseDiscoveryResult(JsonNode node) {
        return new DiscoveryResult(ThingUID.parse(Fields.requireText(node, "thingUID")),
                Fields.requireText(node, "label"),
                node.hasNonNull("bridgeUID") ? ThingUID.parse(Fields.requireText(node, "bridgeUID")) : null,
                Fields.properties(node.get("properties")), Fields.configuration(node.get("configuration")));
    }

    /** An inbox entry: the discovery result with {@code ignored} and {@code discovered}. */
    public static ObjectNode inboxEntry(InboxEntry entry) {
        return discoveryResult(entry.result()).put("ignored", entry.ignored())
                .put("discovered", entry.discovered().toString());
    }
}
