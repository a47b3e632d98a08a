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
public final class PushIngest implements IngestHandler {

    private final PushThings pushThings;

    @Activate
    public PushIngest(@Reference PushThings pushThings) {
        this.pushThings = pushThings;
    }

    @Override
    public boolean supportsThingType(ThingTypeUID thingTypeUID) {
        return HttpHandlerFactory.PUSH.equals(thingTypeUID);
    }

    @Override
    public Map<String, State> map(Thing thing, ThingType thingType, String document) throws IngestException {
        PushHandler handler = pushThings.get(thing.uid()).orElseThrow(() -> new IngestException(List.of("thing "
                + thing.uid() + " is not running")));
        return handler.map(document);
    }
}
