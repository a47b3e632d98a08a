package org.cityhub.rest.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.admin.BindingManager;
import org.cityhub.api.federation.HubIds;
import org.cityhub.api.federation.RemoteCommands;
import org.cityhub.api.home.Households;
import org.cityhub.api.ingest.IngestService;
import org.cityhub.api.security.Role;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.DefinitionProblem;
import org.cityhub.api.thing.ManagedThings;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingPage;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingCommands;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.State;
import org.cityhub.json.Json;
import org.cityhub.json.StateJson;
import org.cityhub.json.ThingJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /api/things}: things with their status and states; managed things' definitions; commands. */
final class ThingResource {


    private final ThingRegistry things;
    private final ThingCommands commands;
    private final IngestService ingest;
    private final ManagedThings managed;
    private final BindingManager bindings;
    private final Households households;
    private final RemoteCommandRoute toHubs;

    ThingResource(ThingRegistry things, ThingCommands commands, IngestService ingest, ManagedThings managed,
            BindingManager bindings, Households households, Supplier<Optional<RemoteCommands>> remoteCommands) {
        this.toHubs = new RemoteCommandRoute(remoteCommands);
        this.things = things;
        this.commands = commands;
        this.ingest = ingest;
        this.managed = managed;
        this.bindings = bindings;
        this.households = households;
    }

    List<Route> routes() {
        Access viewer = Access.department(Role.VIEWER).orResident();
        Access integrator = Access.department(Role.INTEGRATOR);
        return List.of(
                Route.of("GET", "/things", viewer, "List things, filtered and paged, with status and channel states",
                        this::list).query(ThingListQuery.PARAMETERS),
                Route.of("POST", "/things", integrator, "Create a managed thing", this::create).body("Thing"),
                Route.of("GET", "/things/problems", Access.hub(Role.INTEGRATOR), "Problems of the thing files",
                        this::problems),
                Route.of("GET", "/things/{uid}", viewer, "One thing with its status and channel states", this::get),
                Route.of("PUT", "/things/{uid}", integrator, "Replace a managed thing's definition", this::update)
                        .body("Thing"),
                Route.of("DELETE", "/things/{uid}", integrator, "Remove a managed thing", this::delete),
                Route.of("PUT", "/things/{uid}/enabled", integrator, "Enable (true) or disable (false) a managed thing",
                        this::enable).body("Enabled"),
                Route.of("GET", "/things/{uid}/states", viewer, "The last state of each of the thing's channels",
                        this::states),
                Route.of("GET", "/things/{uid}/channels/{channel}/state", viewer, "One channel's last state",
                        this::state),
                Route.of("PUT", "/things/{uid}/channels/{channel}/state", Access.department(Role.OPERATOR),
                        "Set a writable channel's state without commanding the device", this::updateState)
                        .body("StateUpdate"),
                Route.of("POST", "/things/{uid}/channels/{channel}/command", Access.department(Role.OPERATOR)
                        .orResident(),
                        "Send a command to a channel", this::command).body("Command"));
    }

    private void list(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        ThingListQuery page = ThingListQuery.of(request);
        Caller caller = Caller.of(request);
        ThingPage found = things.find(caller.narrowed(page.query()), caller.visibility(), page.offset(), page.limit());
        ArrayNode body = Json.array();
        found.things().stream().map(thing -> describe(caller, thing)).forEach(body::add);
        response.setHeader("X-Total-Count", Integer.toString(found.total()));
        long next = (long) page.offset() + page.limit(); // an offset near the largest int must not wrap around
        if (next < found.total()) {
            response.setHeader("Link", "<" + request.getRequestURI() + "?" + ThingListQuery.withOffset(request,
                    (int) next) + ">; rel=\"next\"");
        }
        JsonBodies.write(response, 200, body);
    }

    private void get(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonBodies.write(response, 200, describe(Caller.of(request), thing(request, parameters.get("uid"))));
    }

    private void create(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonNode body = JsonBodies.read(request);
        Thing thing = ProblemException.parsing(() -> ThingJson.parseThing(body));
        inScope(request, thing);
        sharingByAdminOnly(request, thing, Set.of());
        if (things.get(thing.uid()).filter(existing -> !Caller.of(request).sees(existing)).isPresent()) {
            // taken by a thing the caller may not see: say so, and nothing of who has it or which file defines it
            throw new ProblemException(409, "the UID " + thing.uid() + " is taken; choose another");
        }
        Thing added = changed(() -> managed.add(thing));
        response.setHeader("Location", request.getRequestURI() + "/" + thing.uid());
        answerChange(response, 201, added);
    }

    private void update(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        Thing before = ownedThing(request, parameters.get("uid"));
        ThingUID uid = before.uid();
        JsonNode body = JsonBodies.read(request);
        if (body.isObject() && !body.has("uid")) {
            ((ObjectNode) body).put("uid", uid.toString());
        }
        Thing thing = ProblemException.parsing(() -> ThingJson.parseThing(body));
        if (!thing.uid().equals(uid)) {
            throw ProblemException.badRequest("the body's uid " + thing.uid() + " differs from the path's " + uid
                    + "; a thing's UID cannot change");
        }
        inScope(request, thing);
        sharingByAdminOnly(request, thing, before.sharedWith());
        Thing updated = changed(() -> managed.update(thing));
        answerChange(response, 200, updated);
    }

    private void delete(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        ThingUID uid = ownedThing(request, parameters.get("uid")).uid();
        change(() -> managed.remove(uid));
        if (managed.isChanging(uid)) {
            answerPending(response, Json.object().put("uid", uid.toString()));
        } else {
            response.setStatus(204);
        }
    }

    private void enable(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        ThingUID uid = ownedThing(request, parameters.get("uid")).uid();
        JsonNode body = JsonBodies.read(request);
        JsonNode flag = body.isObject() ? body.path("enabled") : body;
        if (!flag.isBoolean()) {
            throw ProblemException.badRequest("the body must be true, false or {\"enabled\": true|false}");
        }
        Caller.noteForAudit(request, "enabled=" + flag.booleanValue());
        change(() -> managed.setEnabled(uid, flag.booleanValue()));
        JsonBodies.write(response, 200, describe(Caller.of(request), thing(request, uid.toString())));
    }

    private void problems(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        ArrayNode body = Json.array();
        for (DefinitionProblem problem : things.getProblems()) {
            body.addObject().put("file", problem.file()).put("line", problem.line()).put("column", problem.column())
                    .put("message", problem.message());
        }
        JsonBodies.write(response, 200, body);
    }

    private void command(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        Thing thing = thing(request, parameters.get("uid"));
        ChannelUID channel = channelOf(thing, parameters.get("channel"));
        Optional<String> hub = things.getSource(thing.uid()).flatMap(HubIds::hubOf);
        String binding = thing.uid().bindingId();
        if (hub.isEmpty() && bindings.isUpdating(binding)) {
            throw new ProblemException(503, "binding '" + binding + "' is being updated; send the command again in a"
                    + " moment").retryAfter(2);
        }
        ChannelDefinition definition = definition(thing, channel);
        Optional<Grant> grant = GrantedView.commandRight(Caller.of(request), thing, channel);
        JsonNode body = JsonBodies.read(request);
        Command command = ProblemException.parsing(() -> StateJson.parseCommand(body.get("command"), definition.itemType()));
        Caller.noteForAudit(request, "command " + command + grant.map(g -> " through grant " + g.id()).orElse("")
                + hub.map(owner -> " to hub " + owner).orElse(""));
        if (hub.isPresent()) {
            toHubs.send(hub.get(), channel, command, Caller.of(request));
        } else {
            try {
                commands.sendCommand(channel, command);
            } catch (CommandRejectedException e) {
                throw new ProblemException(statusOf(e.reason()), e.getMessage());
            }
        }
        ObjectNode accepted = Json.object().put("thingUID", thing.uid().toString()).put("channel", channel.channelId());
        accepted.set("command", StateJson.command(command));
        JsonBodies.write(response, 202, accepted);
    }

    private void states(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        Thing thing = thing(request, parameters.get("uid"));
        Caller caller = Caller.of(request);
        ObjectNode body = Json.object();
        things.getStates(thing.uid()).forEach((channel, state) -> {
            if (caller.audience().seesChannel(thing, channel)) {
                body.set(channel, StateJson.state(state.state(), state.updated()));
            }
        });
        JsonBodies.write(response, 200, body);
    }

    private void state(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        Thing thing = thing(request, parameters.get("uid"));
        ChannelUID channel = GrantedView.visibleChannel(Caller.of(request), thing, parameters.get("channel"));
        definition(thing, channel);
        ChannelState state = things.getStates(thing.uid()).get(channel.channelId());
        if (state == null) {
            throw ProblemException.notFound("channel " + channel + " is a trigger channel; it has no state");
        }
        JsonBodies.write(response, 200, StateJson.state(state.state(), state.updated()));
    }

    private void updateState(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        Thing thing = ownedThing(request, parameters.get("uid"));
        ChannelUID channel = channelOf(thing, parameters.get("channel"));
        ChannelDefinition definition = definition(thing, channel);
        if (definition.readOnly() || definition.kind() != ChannelKind.STATE) {
            throw new ProblemException(409, "channel " + channel + " is read-only: its state comes from the device");
        }
        JsonNode body = JsonBodies.read(request);
        Command value = ProblemException.parsing(() -> StateJson.parseCommand(body.get("state"), definition.itemType()));
        if (!(value instanceof State state)) {
            throw ProblemException.badRequest(value + " is a command, not a state; send it to .../command");
        }
        Caller.noteForAudit(request, "state " + state);
        try {
            ingest.setState(channel, state);
        } catch (CommandRejectedException e) {
            throw new ProblemException(statusOf(e.reason()), e.getMessage());
        }
        response.setStatus(204);
    }

    /** The thing, if the caller may see it; a thing of another department is answered as not found. */
    private Thing thing(HttpServletRequest request, String uid) throws ProblemException {
        ThingUID thingUID = ProblemException.parsing(() -> ThingUID.parse(uid));
        return things.get(thingUID).filter(Caller.of(request)::sees)
                .orElseThrow(() -> ProblemException.notFound("no thing " + thingUID));
    }

    /**
     * The thing, if the caller's departments own it: a thing of another department is answered as not found, a
     * granted one (seen, not owned) as forbidden.
     */
    private Thing ownedThing(HttpServletRequest request, String uid) throws ProblemException {
        Thing thing = thing(request, uid);
        Caller caller = Caller.of(request);
        if (!caller.owns(thing)) {
            String owner = thing.household() != null ? "household '" + thing.household() + "'"
                    : "department '" + thing.department() + "'";
            throw ProblemException.forbidden("thing " + thing.uid() + " belongs to " + owner + " and is shared with"
                    + " token '" + caller.token().name() + "' through grants "
                    + GrantedView.grantIds(caller.audience().grantsOn(thing)) + "; only its owner changes it");
        }
        return thing;
    }

    /**
     * Refuses a thing definition whose department is outside the caller's token, or that names a household the hub
     * does not keep or that the caller may not define things for (admins only: a home's things are its own).
     */
    private void inScope(HttpServletRequest request, Thing thing) throws ProblemException {
        Caller caller = Caller.of(request);
        String household = thing.household();
        if (household != null && households.get(household).isEmpty()) {
            throw ProblemException.badRequest("thing " + thing.uid() + " names household '" + household + "', which"
                    + " the hub does not keep: the community office makes it first (PUT /api/households/" + household
                    + ")");
        }
        if (household != null && !caller.owns(thing)) {
            throw ProblemException.forbidden("token '" + caller.token().name() + "' may not define things of"
                    + " household '" + household + "': a home's devices are defined by an admin, at the request of"
                    + " the community office");
        }
        if (!caller.owns(thing)) {
            throw ProblemException.forbidden("token '" + caller.token().name() + "' may define things of departments "
                    + caller.token().scope() + " only; this thing's department is "
                    + (thing.department() == null ? "not set" : "'" + thing.department() + "'"));
        }
    }

    /** Refuses a change of a bridge's {@code sharedWith} by anyone but an admin: sharing is the hub's decision. */
    private static void sharingByAdminOnly(HttpServletRequest request, Thing thing, Set<String> before)
            throws ProblemException {
        Caller caller = Caller.of(request);
        if (!thing.sharedWith().equals(before) && caller.token().role() != Role.ADMIN) {
            throw ProblemException.forbidden("only an admin shares a bridge with other departments ('sharedWith');"
                    + " token '" + caller.token().name() + "' is " + caller.token().role().id());
        }
    }

    private static ChannelUID channelOf(Thing thing, String channel) throws ProblemException {
        return ProblemException.parsing(() -> new ChannelUID(thing.uid(), channel));
    }

    private ChannelDefinition definition(Thing thing, ChannelUID channel) throws ProblemException {
        ThingType type = things.getThingType(thing.uid()).orElseThrow(() -> new ProblemException(409, "thing "
                + thing.uid() + " has no running handler: binding '" + thing.uid().bindingId() + "' is not installed"));
        return type.channel(channel.channelId()).orElseThrow(() -> ProblemException.notFound("thing " + thing.uid()
                + " has no channel '" + channel.channelId() + "'; its channels are "
                + type.channels().stream().map(ChannelDefinition::id).toList()));
    }

    /**
     * The answer to a change: the thing as defined, or, when the change is stored but still waits for a slow
     * binding's handlers, {@code 202} saying so, rather than holding the request until the binding answers.
     */
    private void answerChange(HttpServletResponse response, int status, Thing thing) throws IOException {
        if (managed.isChanging(thing.uid())) {
            answerPending(response, ThingJson.thing(thing));
        } else {
            JsonBodies.write(response, status, describe(thing));
        }
    }

    private static void answerPending(HttpServletResponse response, ObjectNode body) throws IOException {
        body.put("pending", "the change is stored and waits for the thing's binding, which is slow to answer; it"
                + " takes effect when the binding answers");
        JsonBodies.write(response, 202, body);
    }

    private ObjectNode describe(Thing thing) {
        return ThingJson.thingWithStatus(thing, things);
    }

    /** The thing as the caller may see it: whole if its own; a granted one as {@link GrantedView} shows it. */
    private ObjectNode describe(Caller caller, Thing thing) {
        return caller.owns(thing) ? describe(thing) : GrantedView.of(describe(thing), thing, caller.audience());
    }

    private static Thing changed(ThingChange change) throws ProblemException {
        try {
            return change.run();
        } catch (ThingChangeException e) {
            throw problem(e);
        }
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

    static int statusOf(CommandRejectedException.Reason reason) {
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

    /** A change that answers the thing as it is now defined (its secrets masked). */
    private interface ThingChange {
        Thing run() throws ThingChangeException;
    }
}
