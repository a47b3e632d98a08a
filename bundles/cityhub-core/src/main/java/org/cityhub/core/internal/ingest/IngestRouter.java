package org.cityhub.core.internal.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.cityhub.api.ingest.IngestException.Reason;
import org.cityhub.api.ingest.IngestException;
import org.cityhub.api.ingest.IngestHandler;
import org.cityhub.api.ingest.IngestService;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.State;
import org.cityhub.core.internal.thing.ExternalStates;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The one path of pushed documents into the hub: each goes, as received, to the ingest handler of its thing's
 * binding, which parses it once; a request is recorded only if every document in it mapped, and then through the
 * things' running handlers, like any state their bindings report.
 */
@Component(service = IngestService.class)
public final class IngestRouter implements IngestService {

    /** A document mapped to the states it sets. */
    private record Mapped(ThingUID thing, Map<String, State> states) {
    }

    private final ThingRegistry things;
    private final ExternalStates states;
    private final List<IngestHandler> handlers = new CopyOnWriteArrayList<>();

    @Activate
    public IngestRouter(@Reference ThingRegistry things, @Reference ExternalStates states) {
        this.things = things;
        this.states = states;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHandler(IngestHandler handler) {
        handlers.add(handler);
    }

    void removeHandler(IngestHandler handler) {
        handlers.remove(handler);
    }

    @Override
    public Map<String, State> ingest(ThingUID uid, String document) throws IngestException {
        Thing thing = things.get(uid).orElseThrow(() -> new IngestException(Reason.UNKNOWN_THING,
                List.of("no thing " + uid)));
        return record(List.of(map(thing, document))).get(uid);
    }

    @Override
    public Map<ThingUID, Map<String, State>> ingestBatch(String batch, Predicate<Thing> visible)
            throws IngestException {
        List<Mapped> all = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> document : BatchDocuments.split(batch).entrySet()) {
            Optional<Thing> thing = parse(document.getKey()).flatMap(things::get).filter(visible);
            if (thing.isEmpty()) {
                problems.add(document.getKey() + ": no such thing");
                continue;
            }
            try {
                all.add(map(thing.get(), document.getValue()));
            } catch (IngestException e) {
                e.problems().forEach(problem -> problems.add(document.getKey() + ": " + problem));
            }
        }
        if (!problems.isEmpty()) {
            throw new IngestException(Reason.INVALID_DOCUMENT, problems);
        }
        return record(all);
    }

    @Override
    public void setState(ChannelUID channel, State state) throws CommandRejectedException {
        states.record(channel, state);
    }

    /** The document as states of the thing, or why the thing takes none or the document is wrong. */
    private Mapped map(Thing thing, String document) throws IngestException {
        IngestHandler handler = handlers.stream().filter(h -> h.supportsThingType(thing.thingTypeUID())).findFirst()
                .orElseThrow(() -> new IngestException(Reason.NOT_ACCEPTED, List.of("thing " + thing.uid()
                        + " is of type " + thing.thingTypeUID() + ", which takes no pushed documents: no installed"
                        + " binding maps documents to things of that type")));
        ThingStatus status = things.getStatus(thing.uid()).status();
        Optional<ThingType> type = things.getThingType(thing.uid());
        if (type.isEmpty() || status == ThingStatus.UNINITIALIZED) {
            throw new IngestException(Reason.NOT_RUNNING, List.of("thing " + thing.uid() + " is not running ("
                    + status + "); see GET /api/things/" + thing.uid()));
        }
        return new Mapped(thing.uid(), handler.map(thing, type.get(), document));
    }

    /** Records every mapped state; a thing stopping in between is the only way to record part of a request. */
    private Map<ThingUID, Map<String, State>> record(List<Mapped> all) throws IngestException {
        Map<ThingUID, Map<String, State>> recorded = new LinkedHashMap<>();
        for (Mapped mapped : all) {
            for (Map.Entry<String, State> state : mapped.states().entrySet()) {
                try {
                    states.record(mapped.thing().channel(state.getKey()), state.getValue());
                } catch (CommandRejectedException e) {
                    throw new IngestException(Reason.NOT_RUNNING, List.of(e.getMessage() + "; recorded before it: "
                            + recorded));
                }
            }
            recorded.put(mapped.thing(), mapped.states());
        }
        return recorded;
    }

    private static Optional<ThingUID> parse(String uid) {
        try {
            return Optional.of(ThingUID.parse(uid));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
