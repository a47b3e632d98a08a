package org.cityhub.binding.http.internal;

import java.util.List;
import java.util.Map;

import org.cityhub.api.ingest.IngestException;
import org.cityhub.api.ingest.IngestHandler;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.types.State;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Documents pushed to {@code /api/ingest} for {@code http:push} things, mapped by the thing's running handler. */
@Component(service = IngestHandler.class)
public final class HttpIngestHandler implements IngestHandler {

    private final IngestThings ingestThings;

    @Activate
    public HttpIngestHandler(@Reference IngestThings ingestThings) {
        this.ingestThings = ingestThings;
    }

    @Override
    public boolean supportsThingType(ThingTypeUID thingTypeUID) {
        return HttpHandlerFactory.PUSH.equals(thingTypeUID);
    }

    @Override
    public Map<String, State> map(Thing thing, ThingType thingType, String document) throws IngestException {
        IngestThingHandler handler = ingestThings.get(thing.uid()).orElseThrow(() -> new IngestException(List.of("thing "
                + thing.uid() + " is not running")));
        return handler.map(document);
    }
}
