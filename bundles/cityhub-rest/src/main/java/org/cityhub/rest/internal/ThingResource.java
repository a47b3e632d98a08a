package org.cityhub.rest.internal;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.bindings.BindingManager;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.DefinitionProblem;
import org.cityhub.api.thing.ManagedThings;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeRegistry;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.cityhub.core.json.ModelJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /api/things}: things with their status and states; managed things' definitions; commands. */
final class ThingResource {

    private final ThingRegistry things;
    private final ThingTypeRegistry types;
    private final ManagedThings managed;
    private final BindingManager bindings;

    ThingResource(ThingRegistry things, ThingTypeRegistry types, ManagedThings managed, BindingManager bindings) {
        this.things = things;
        this.types = types;
        this.managed = managed;
        this.bindings = bindings;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/things", "List things, filtered and paged, with status and channel states", this::list),
                Route.of("POST", "/things", "Create a managed thing", this::create),
                Route.of("GET", "/things/problems", "Problems of the thing files", this::problems),
                Route.of("GET", "/things/{uid}", "One thing with its status and channel states", this::get),
                Route.of("PUT", "/things/{uid}", "Replace a managed thing's definition", this::update),
                Route.of("DELETE", "/things/{uid}", "Remove a managed thing", this::delete),
                Route.of("PUT", "/things/{uid}/enabled", "Enable (true) or disable (false) a managed thing", this::enable),
                Route.of("POST", "/things/{uid}/channels/{channel}/command", "Send a command to a channel",
                        this::command));
    }

    private void list(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        ThingListQuery page = ThingListQuery.of(request);
        List<Thing> matching = things.getAll().stream()
                .filter(thing -> page.query().matches(thing, things.getStatus(thing.uid()).status()))
                .sorted(Comparator.comparing(thing -> thing.uid().toString())).toList();
        ArrayNode body = ModelJson.MAPPER.createArrayNode();
        matching.stream().skip(page.offset()).limit(page.limit()).map(this::describe).forEach(body::add);
        response.setHeader("X-Total-Count", Integer.toString(matching.size()));
        int next = page.offset() + page.limit();
        if (next < matching.size()) {
            response.setHeader("Link", "<" + request.getRequestURI() + "?" + ThingListQuery.withOffset(request, next)
                    + ">; rel=\"next\"");
        }
        JsonBodies.write(response, 200, body);
    }

    private void get(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonBodies.write(response, 200, describe(thing(parameters.get("uid"))));
    }

    private void create(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonNode body = JsonBodies.read(request);
        Thing thing = ProblemException.parsing(() -> ModelJson.parseThing(body));
        change(() -> managed.add(thing));
        response.setHeader("Location", request.getRequestURI() + "/" + thing.uid());
        JsonBodies.write(response, 201, describe(thing));
    }

    private void update(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        ThingUID uid = ProblemException.parsing(() -> ThingUID.parse(parameters.get("uid")));
        JsonNode body = JsonBodies.read(request);
        if (body.isObject() && !body.has("uid")) {
            ((ObjectNode) body).put("uid", uid.toString());
        }
        Thing thing = ProblemException.parsing(() -> ModelJson.parseThing(body));
        if (!thing.uid().equals(uid)) {
            throw ProblemException.badRequest("the body's uid " + thing.uid() + " differs from the path's " + uid
                    + "; a thing's UID cannot change");
        }
        change(() -> managed.update(thing));
        JsonBodies.write(response, 200, describe(thing));
    }

    private void delete(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws ProblemException {
        ThingUID uid = ProblemException.parsing(() -> ThingUID.parse(parameters.get("uid")));
        change(() -> managed.remove(uid));
        response.setStatus(204);
    }

    private void enable(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        ThingUID uid = ProblemException.parsing(() -> ThingUID.parse(parameters.get("uid")));
        JsonNode body = JsonBodies.read(request);
        JsonNode flag = body.isObject() ? body.path("enabled") : body;
        if (!flag.isBoolean()) {
            throw ProblemException.badRequest("the body must be true, false or {\"enabled\": true|false}");
        }
        change(() -> managed.setEnabled(uid, flag.booleanValue()));
        JsonBodies.write(response, 200, describe(thing(uid.toString())));
    }

    private void problems(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        ArrayNode body = ModelJson.MAPPER.createArrayNode();
        for (DefinitionProblem problem : things.getProblems()) {
            body.addObject().put("file", problem.file()).put("line", problem.line()).put("column", problem.column())
                    .put("message", problem.message());
        }
        JsonBodies.write(response, 200, body);
    }

    private void command(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        Thing thing = thing(parameters.get("uid"));
        ChannelUID channel = ProblemException.parsing(() -> new ChannelUID(thing.uid(), parameters.get("channel")));
        String binding = thing.uid().bindingId();
        if (bindings.isUpdating(binding)) {
            throw new ProblemException(503, "binding '" + binding + "' is being updated; send the command again in a"
                    + " moment").retryAfter(2);
        }
        ThingType type = types.get(thing.thingTypeUID()).orElseThrow(() -> new ProblemException(409, "thing "
                + thing.uid() + " has no running handler: binding '" + binding + "' is not installed"));
        ChannelDefinition definition = type.channel(channel.channelId()).orElseThrow(() -> ProblemException.notFound(
                "thing " + thing.uid() + " has no channel '" + channel.channelId() + "'; its channels are "
                        + type.channels().stream().map(ChannelDefinition::id).toList()));
        JsonNode body = JsonBodies.read(request);
        Command command = ProblemException.parsing(() -> ModelJson.parseCommand(body.get("command"), definition.itemType()));
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
        ThingUID thingUID = ProblemException.parsing(() -> ThingUID.parse(uid));
        return things.get(thingUID).orElseThrow(() -> ProblemException.notFound("no thing " + thingUID));
    }

    private ObjectNode describe(Thing thing) {
        return ModelJson.thingWithStatus(thing, things.getStatus(thing.uid()), things.getStates(thing.uid()),
                things.getSource(thing.uid()));
    }

    private static void change(Change change) throws ProblemException {
        try {
            change.run();
        } catch (ThingChangeException e) {
            throw problem(e);
        }
    }

    /** A refused change as a problem: 404, 409, 400 with the violations, or 503 when storage failed. */
    static ProblemException problem(ThingChangeException e) {
        return new ProblemException(statusOf(e.reason()), e.getMessage(), e.violations());
    }

    private static int statusOf(ThingChangeException.Reason reason) {
        switch (reason) {
            case NOT_FOUND:
                return 404;
            case INVALID:
                return 400;
            case STORAGE_FAILED:
                return 503;
            default:
                return 409;
        }
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

    @FunctionalInterface
    private interface Change {
        void run() throws ThingChangeException;
    }
}
