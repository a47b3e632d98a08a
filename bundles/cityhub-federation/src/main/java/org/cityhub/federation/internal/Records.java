package org.cityhub.federation.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.federation.HubIds;
import org.cityhub.api.federation.RemoteAnswer;
import org.cityhub.api.federation.RemoteCaller;
import org.cityhub.api.federation.RemoteThing;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.State;
import org.cityhub.json.Json;
import org.cityhub.json.StateJson;
import org.cityhub.json.ThingJson;
import org.cityhub.json.ThingTypeDescriptors;
import org.cityhub.json.ThingTypeJson;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The federation's record formats, version {@value #VERSION}, documented in {@code docs/federation.md} so that a
 * city's analytics can read them too. Every record names its format version ({@code v}) and its origin hub
 * ({@code hub}, also in the {@value #HUB_HEADER} header); a hub ignores its own records, so no record can loop.
 */
final class Records {

    static final int VERSION = 1;
    /** The Kafka record header naming the origin hub, the same as {@code hub} in the value, readable without it. */
    static final String HUB_HEADER = "cityhub-hub";

    private Records() {
    }

    /** A thing's latest view, for the compacted things topic: definition (secrets masked), type, status, states. */
    static String thing(String hub, Thing thing, ThingType type, ThingStatusInfo status,
            Map<String, ChannelState> states) {
        ObjectNode node = header(hub, "thing");
        node.set("thing", ThingJson.thing(thing));
        node.set("type", ThingTypeJson.thingType(type));
        node.set("status", ThingJson.status(status));
        ObjectNode stateNodes = node.putObject("states");
        states.forEach((channel, state) -> {
            if (state.updated() != null) {
                stateNodes.set(channel, StateJson.state(state.state(), state.updated()));
            }
        });
        return Json.toText(node);
    }

    static RemoteThing parseThing(JsonNode node) {
        String hub = node.path("hub").asText();
        Map<String, ChannelState> states = new LinkedHashMap<>();
        node.path("states").fields().forEachRemaining(entry -> states.put(entry.getKey(),
                new ChannelState(StateJson.parseState(entry.getValue()), instant(entry.getValue().path("updated")))));
        return new RemoteThing(hub, ThingJson.parseThing(node.path("thing")),
                ThingTypeDescriptors.parseThingType(node.path("type")), parseStatus(node.path("status")), states);
    }

    /** A channel's new state, for the events topic. */
    static String state(String hub, ChannelUID channel, State state, Instant updated) {
        ObjectNode node = header(hub, "state").put("thingUID", channel.thingUID().toString())
                .put("channel", channel.channelId());
        node.set("state", StateJson.state(state, updated));
        return Json.toText(node);
    }

    /**
     * A channel's new state from the hub's own state event, whose payload ({@code {"thingUID", "channel", "state"}})
     * is the record's body as it is: the bus's thread is spared parsing and writing JSON for each event.
     */
    static String stateOf(String hub, String eventPayload) {
        return "{\"v\":" + VERSION + ",\"hub\":\"" + HubIds.check(hub) + "\",\"kind\":\"state\",\"sent\":\""
                + Instant.now() + "\"," + eventPayload.substring(eventPayload.indexOf('{') + 1);
    }

    /** A thing's new status, for the events topic. */
    static String status(String hub, ThingUID thing, ThingStatusInfo status) {
        ObjectNode node = header(hub, "status").put("thingUID", thing.toString());
        node.set("status", ThingJson.status(status));
        return Json.toText(node);
    }

    static ThingStatusInfo parseStatus(JsonNode node) {
        return ThingStatusInfo.of(ThingStatus.valueOf(node.path("status").asText()),
                ThingStatusDetail.valueOf(node.path("detail").asText("NONE")),
                node.hasNonNull("message") ? node.get("message").asText() : null);
    }

    /** This hub is alive ({@code "running"}) or stopped cleanly ({@code "stopped"}). */
    static String heartbeat(String hub, String instance, Instant started, boolean running, int things,
            long intervalMillis) {
        return Json.toText(header(hub, "hub").put("instance", instance).put("started", started.toString())
                .put("state", running ? "running" : "stopped").put("things", things).put("intervalMillis",
                        intervalMillis));
    }

    /** A command for another hub's thing, with who sends it and until when it is worth running. */
    static String command(String hub, String id, ChannelUID channel, JsonNode command, RemoteCaller caller,
            Instant expires) {
        ObjectNode node = header(hub, "command").put("id", id).put("thingUID", channel.thingUID().toString())
                .put("channel", channel.channelId()).put("expires", expires.toString());
        node.set("command", command);
        node.putObject("caller").put("name", caller.name()).put("role", caller.role().id())
                .put("departments", caller.departments().toString());
        return Json.toText(node);
    }

    static RemoteCaller parseCaller(JsonNode node) {
        return new RemoteCaller(node.path("name").asText(), Role.parse(node.path("role").asText()),
                DepartmentScope.parse(node.path("departments").asText()));
    }

    /** The owning hub's answer to a command. */
    static String reply(String hub, String id, RemoteAnswer answer) {
        ObjectNode node = header(hub, "reply").put("id", id).put("outcome", answer.outcome().name())
                .put("detail", answer.detail());
        if (answer.reason() != null) {
            node.put("reason", answer.reason().name());
        }
        return Json.toText(node);
    }

    static RemoteAnswer parseReply(JsonNode node) {
        RemoteAnswer.Outcome outcome = RemoteAnswer.Outcome.valueOf(node.path("outcome").asText());
        CommandRejectedException.Reason reason = node.hasNonNull("reason")
                ? CommandRejectedException.Reason.valueOf(node.get("reason").asText()) : null;
        return new RemoteAnswer(outcome, reason, node.path("detail").asText(""));
    }

    /** The record's JSON, if it is JSON of a format version this hub reads. */
    static Optional<JsonNode> read(@Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.parse(value);
            return node.path("v").asInt(0) == VERSION ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static @Nullable Instant instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }

    private static ObjectNode header(String hub, String kind) {
        return Json.object().put("v", VERSION).put("hub", hub).put("kind", kind).put("sent", Instant.now().toString());
    }
}
