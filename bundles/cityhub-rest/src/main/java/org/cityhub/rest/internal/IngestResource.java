package org.cityhub.rest.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.ingest.IngestException;
import org.cityhub.api.ingest.IngestHandler;
import org.cityhub.api.security.Role;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.State;
import org.cityhub.json.Json;
import org.cityhub.json.StateJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/ingest}: documents that department systems push for their things. The thing's binding maps each
 * document to channel states ({@link IngestHandler}); a request is recorded only if every document in it mapped,
 * so a rejected request changes nothing and its answer lists every problem.
 */
final class IngestResource {

    /** A document mapped to the states it sets. */
    private record Mapped(Thing thing, Map<String, State> states) {
    }

    private final ThingRegistry things;
    private final List<IngestHandler> handlers;

    IngestResource(ThingRegistry things, List<IngestHandler> handlers) {
        this.things = things;
        this.handlers = handlers;
    }

    List<Route> routes() {
        Access operator = Access.department(Role.OPERATOR);
        return List.of(
                Route.of("POST", "/ingest/{uid}", operator, "Push a JSON document to a thing; its binding maps it"
                        + " to the thing's channels (all or nothing)", this::ingestOne).body("IngestDocument"),
                Route.of("POST", "/ingest", operator, "Push documents to several things at once, keyed by thing UID;"
                        + " all are recorded or none", this::ingestBatch).body("IngestBatch"));
    }

    private void ingestOne(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        ThingUID uid = ProblemException.parsing(() -> ThingUID.parse(parameters.get("uid")));
        Thing thing = things.get(uid).filter(Caller.of(request)::sees)
                .orElseThrow(() -> ProblemException.notFound("no thing " + uid));
        JsonNode document = JsonBodies.read(request);
        Mapped mapped;
        try {
            mapped = map(thing, document);
        } catch (IngestException e) {
            throw new ProblemException(400, "the document for " + uid + " does not map to its channels; nothing was"
                    + " recorded", e.problems());
        }
        List<Mapped> all = List.of(mapped);
        Caller.noteForAudit(request, mapped.states().size() + " channel(s)");
        JsonBodies.write(response, 200, answer(record(all)).get(uid.toString()));
    }

    private void ingestBatch(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        JsonNode body = JsonBodies.read(request);
        if (!body.isObject() || body.isEmpty()) {
            throw ProblemException.badRequest("the body must be an object of documents by thing UID, e.g."
                    + " {\"http:push:station-1\": {\"pm25\": 12}}");
        }
        Caller caller = Caller.of(request);
        List<Mapped> all = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            Optional<Thing> thing = parse(field.getKey()).flatMap(things::get).filter(caller::sees);
            if (thing.isEmpty()) {
                problems.add(field.getKey() + ": no such thing");
                continue;
            }
            try {
                all.add(map(thing.get(), field.getValue()));
            } catch (IngestException e) {
                e.problems().forEach(problem -> problems.add(field.getKey() + ": " + problem));
            } catch (ProblemException e) {
                problems.add(field.getKey() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(400, problems.size() + " problem(s) in the batch; nothing was recorded",
                    problems);
        }
        Caller.noteForAudit(request, all.size() + " thing(s)");
        JsonBodies.write(response, 200, Json.object().set("things", answer(record(all))));
    }

    /** The document as states of the thing, or why the thing takes none (409) or the document is wrong. */
    private Mapped map(Thing thing, JsonNode document) throws IngestException, ProblemException {
        IngestHandler handler = handlers.stream().filter(h -> h.supportsThingType(thing.thingTypeUID())).findFirst()
                .orElseThrow(() -> new ProblemException(409, "thing " + thing.uid() + " is of type "
                        + thing.thingTypeUID() + ", which takes no pushed documents (things of type http:push do,"
                        + " when the http binding is installed)"));
        ThingStatus status = things.getStatus(thing.uid()).status();
        Optional<ThingType> type = things.getThingType(thing.uid());
        if (type.isEmpty() || status == ThingStatus.UNINITIALIZED) {
            throw new ProblemException(409, "thing " + thing.uid() + " is not running (" + status
                    + "); see GET /api/things/" + thing.uid());
        }
        return new Mapped(thing, handler.map(thing, type.get(), document.toString()));
    }

    /** Records every mapped state; a thing stopping in between is the only way to record part of a request. */
    private Map<String, Map<String, State>> record(List<Mapped> all) throws ProblemException {
        Map<String, Map<String, State>> recorded = new LinkedHashMap<>();
        for (Mapped mapped : all) {
            for (Map.Entry<String, State> state : mapped.states().entrySet()) {
                try {
                    things.updateState(mapped.thing().uid().channel(state.getKey()), state.getValue());
                } catch (CommandRejectedException e) {
                    throw new ProblemException(409, e.getMessage() + "; recorded before it: " + recorded);
                }
            }
            recorded.put(mapped.thing().uid().toString(), mapped.states());
        }
        return recorded;
    }

    private static ObjectNode answer(Map<String, Map<String, State>> recorded) {
        Instant now = Instant.now();
        ObjectNode answer = Json.object();
        recorded.forEach((uid, states) -> {
            ObjectNode thing = answer.putObject(uid).put("thingUID", uid);
            ObjectNode stateNodes = thing.putObject("states");
            states.forEach((channel, state) -> stateNodes.set(channel, StateJson.state(state, now)));
        });
        return answer;
    }

    private static Optional<ThingUID> parse(String uid) {
        try {
            return Optional.of(ThingUID.parse(uid));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
