package org.cityhub.rest.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.ingest.IngestException;
import org.cityhub.api.ingest.IngestService;
import org.cityhub.api.security.Role;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.State;
import org.cityhub.json.Json;
import org.cityhub.json.StateJson;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/ingest}: documents that department systems push for their things. REST decides who may push to
 * which thing and forwards the body as received to the hub's {@link IngestService}, which has the thing's binding
 * map it and records it all or nothing; a rejected request changes nothing and its answer lists every problem.
 */
final class IngestResource {

    private final ThingRegistry things;
    private final IngestService ingest;

    IngestResource(ThingRegistry things, IngestService ingest) {
        this.things = things;
        this.ingest = ingest;
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
        things.get(uid).filter(Caller.of(request)::owns).orElseThrow(() -> ProblemException.notFound("no thing " + uid));
        String document = JsonBodies.readText(request);
        Map<String, State> recorded;
        try {
            recorded = ingest.ingest(uid, document);
        } catch (IngestException e) {
            throw problem(e, "the document for " + uid + " does not map to its channels; nothing was recorded");
        }
        Caller.noteForAudit(request, recorded.size() + " channel(s)");
        JsonBodies.write(response, 200, answer(Map.of(uid, recorded)).get(uid.toString()));
    }

    private void ingestBatch(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        String batch = JsonBodies.readText(request);
        Map<ThingUID, Map<String, State>> recorded;
        try {
            recorded = ingest.ingestBatch(batch, Caller.of(request)::owns);
        } catch (IngestException e) {
            throw problem(e, e.problems().size() + " problem(s) in the batch; nothing was recorded");
        }
        Caller.noteForAudit(request, recorded.size() + " thing(s)");
        JsonBodies.write(response, 200, Json.object().set("things", answer(recorded)));
    }

    private static ProblemException problem(IngestException e, String invalidDocument) {
        return switch (e.reason()) {
            case INVALID_DOCUMENT -> new ProblemException(400, invalidDocument, e.problems());
            case UNKNOWN_THING -> ProblemException.notFound(e.getMessage());
            case NOT_ACCEPTED, NOT_RUNNING -> new ProblemException(409, e.getMessage());
        };
    }

    private static ObjectNode answer(Map<ThingUID, Map<String, State>> recorded) {
        Instant now = Instant.now();
        ObjectNode answer = Json.object();
        recorded.forEach((uid, states) -> {
            ObjectNode thing = answer.putObject(uid.toString()).put("thingUID", uid.toString());
            ObjectNode stateNodes = thing.putObject("states");
            states.forEach((channel, state) -> stateNodes.set(channel, StateJson.state(state, now)));
        });
        return answer;
    }
}
