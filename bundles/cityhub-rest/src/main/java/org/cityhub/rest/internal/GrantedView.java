package org.cityhub.rest.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.cityhub.api.sharing.Audience;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A thing as a department that was granted it sees it: what it is, where, its status, and the states and input
 * errors of the granted channels, with the grants that show it. How its owner integrates it (configuration, the
 * file that defines it, its bridge's sharing) stays the owner's. Also what a grant lets the caller do with one of
 * its channels: read it, command it.
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

    /** The grant the command goes through (empty for the caller's own thing); 403 if none lets it. */
    static Optional<Grant> commandRight(Caller caller, Thing thing, ChannelUID channel)
            throws ProblemException {
        if (!caller.audience().mayCommand(thing, channel.channelId())) {
            throw ProblemException.forbidden("no grant lets departments " + caller.token().scope() + " command "
                    + channel + "; grants " + grantIds(caller.audience().grantsOn(thing)) + " give "
                    + (caller.audience().seesChannel(thing, channel.channelId()) ? "read only" : "other channels"));
        }
        return caller.audience().commandGrant(thing, channel.channelId());
    }

    /** The channel, if the caller sees it: all of its own things, the granted channels of others. */
    static ChannelUID visibleChannel(Caller caller, Thing thing, String channelId) throws ProblemException {
        ChannelUID channel = ProblemException.parsing(() -> new ChannelUID(thing.uid(), channelId));
        if (!caller.audience().seesChannel(thing, channel.channelId())) {
            throw ProblemException.notFound("channel " + channel + " is not shared with departments "
                    + caller.token().scope() + "; grants " + grantIds(caller.audience().grantsOn(thing))
                    + " take in other channels of the thing");
        }
        return channel;
    }

    static List<String> grantIds(List<Grant> grants) {
        return grants.stream().map(Grant::id).toList();
    }
}
