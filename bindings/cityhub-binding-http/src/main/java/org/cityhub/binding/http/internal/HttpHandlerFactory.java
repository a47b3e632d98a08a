package org.cityhub.binding.http.internal;

import java.util.Set;

import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.outbound.OutboundPolicy;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingTypeUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The http binding: department systems as things. Polled services through {@code http:endpoint} bridges with
 * {@code http:resource} and {@code http:item} things; pushed documents to {@code http:push} things through the
 * hub's {@code /api/ingest} (see {@link HttpIngestHandler}).
 */
@Component(service = ThingHandlerFactory.class)
public final class HttpHandlerFactory implements ThingHandlerFactory {

    static final ThingTypeUID ENDPOINT = new ThingTypeUID("http", "endpoint");
    static final ThingTypeUID RESOURCE = new ThingTypeUID("http", "resource");
    static final ThingTypeUID ITEM = new ThingTypeUID("http", "item");
    static final ThingTypeUID PUSH = new ThingTypeUID("http", "push");
    private static final Set<ThingTypeUID> TYPES = Set.of(ENDPOINT, RESOURCE, ITEM, PUSH);

    private final IngestThings ingestThings;
    private final OutboundPolicy outbound;

    @Activate
    public HttpHandlerFactory(@Reference IngestThings ingestThings, @Reference OutboundPolicy outbound) {
        this.ingestThings = ingestThings;
        this.outbound = outbound;
    }

    @Override
    public boolean supportsThingType(ThingTypeUID thingTypeUID) {
        return TYPES.contains(thingTypeUID);
    }

    @Override
    public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
        ThingTypeUID type = thing.thingTypeUID();
        if (type.equals(ENDPOINT)) {
            return new EndpointHandler(thing, callback, outbound);
        } else if (type.equals(RESOURCE)) {
            return new ResourceHandler(thing, callback);
        } else if (type.equals(ITEM)) {
            return new ItemHandler(thing, callback);
        } else if (type.equals(PUSH)) {
            return new IngestThingHandler(thing, callback, ingestThings);
        }
        throw new IllegalArgumentException("the http binding does not handle thing type " + type);
    }
}
