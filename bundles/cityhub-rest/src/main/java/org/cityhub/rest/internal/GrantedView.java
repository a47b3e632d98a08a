package org.cityhub.rest.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.cityhub.api.sharing.Audience;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.thing.Thing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A thing as a department that was granted it sees it: what it is, where, its status, and the states and input
 * errors of the granted channels, with the grants that show it. How its owner integrates it (configuration, the
 * file that defines it, its bridge's sharing) stays the owner's.
 */
final class GrantedView {

    private static final List<String> OWNERS_ONLY = List.of("configuration", "source", "sharedWith");

    private GrantedView() {
    }

    /** The owner's description of the thing, cut down to what the audience was granted. */
    static ObjectNode of(ObjectNode described, Thing thing, Audience audience) {
        described.remove(OWNERS_ONLY);
        keepChannels(described.path("states"), thing, audience);
        keepChannels(described.path("inputErrors").path("channels"), thing, audience);
        ArrayNode grants = described.putArray("grants");
        for (Grant grant : audience.grantsOn(thing)) {
            ObjectNode node = grants.addObject().put("id", grant.id()).put("purpose", grant.purpose());
            grant.rights().forEach(right -> node.withArray("rights").add(right.id()));
        }
        return described;
    }

    private static void keepChannels(JsonNode byChannel, Thing thing, Audience audience) {
        if (!byChannel.isObject()) {
            return;
        }
        List<String> hidden = new ArrayList<>();
        for (Iterator<String> channels = byChannel.fieldNames(); channels.hasNext();) {
            String channel = channels.next();
            if (!audience.seesChannel(thing, channel)) {
                hidden.add(channel);
            }
        }
        ((ObjectNode) byChannel).remove(hidden);
    }
}
