package org.cityhub.rest.internal;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeRegistry;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.cityhub.core.json.ModelJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /api/things}: things with their status and states, and commands to their channels. */
final class ThingResource {

    private final ThingRegistry things;
    private final ThingTypeRegistry types;

    ThingResource(ThingRegistry things, ThingTypeRegistry types) {
        this.things = things;
        this.types = types;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/things", "List every thing with its status and channel states", this::list),
                Route.of("GET", "/things/{uid}", "One thing with its status and channel states", this::get),
                Route.of("POST", "/things/{uid}/channels/{channel}/command", "Send a command to a channel",
                        this::command));
    }

    private void list(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        ArrayNode body = ModelJson.MAPPER.createArrayNode();
        things.getAll().stream().sorted(Comparator.comparing(t -> t.uid().toString())).map(this::describe)
                .forEach(body::add);
        response.setHeader("X-Total-Count", Integer.toString(body.size()));
        JsonBodies.write(response, 200, body);
    }

    private void get(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonBodies.write(response, 200, describe(thing(parameters.get("uid"))));
    }

    private void command(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        Thing thing = thing(parameters.get("uid"));
        ChannelUID channel = parse(() -> new ChannelUID(thing.uid(), parameters.get("channel")));
        ThingType type = types.get(thing.thingTypeUID()).orElseThrow(() -> new ProblemException(409, "thing "
                + thing.uid() + " has no running handler: binding '" + thing.uid().bindingId() + "' is not installed"));
        ChannelDefinition definition = type.channel(channel.channelId()).orElseThrow(() -> ProblemException.notFound(
                "thing " + thing.uid() + " has no channel '" + channel.channelId() + "'; its channels are "
                        + type.channels().stream().map(ChannelDefinition::id).toList()));
        JsonNode body = JsonBodies.read(request);
        Command command = parse(() -> ModelJson.parseCommand(body.get("command"), definition.itemType()));
        try {
            things.sendCommand(channel, command);
        } catch (CommandRejectedException e) {
            throw new ProblemException(statusOf(e.reason()), e.getMessage());
        }
        ObjectNode accepted = ModelJson.object().put("thingUID", thing.uid().toString()).put("channel", channel.channelId());
        accepted.set("command", ModelJson.command(command));
        JsonBodies.write(response, 202, accepted);
    }

    private Thing thing(String uid) throws ProblemException {
        ThingUID thingUID = parse(() -> ThingUID.parse(uid));
        return things.get(thingUID).orElseThrow(() -> ProblemException.notFound("no thing " + thingUID));
    }

    private ObjectNode describe(Thing thing) {
        ObjectNode node = ModelJson.thing(thing);
        node.set("status", ModelJson.status(things.getStatus(thing.uid())));
        ObjectNode states = node.putObject("states");
        things.getStates(thing.uid()).forEach((channel, state) -> states.set(channel,
                ModelJson.state(state.state(), state.updated())));
        return node;
    }

    private static int statusOf(CommandRejectedException.Reason reason) {
        switch (reason) {
            case UNKNOWN_THING:
            case UNKNOWN_CHANNEL:
                return 404;
            case UNSUPPORTED_COMMAND:
                return 400;
            default:
                return 409;
        }
    }

    /** Runs a parse that reports bad input as {@link IllegalArgumentException}, answering 400 with its message. */
    static <T> T parse(Parse<T> parse) throws ProblemException {
        try {
            return parse.run();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    @FunctionalInterface
    interface Parse<T> {
        T run();
    }
}
