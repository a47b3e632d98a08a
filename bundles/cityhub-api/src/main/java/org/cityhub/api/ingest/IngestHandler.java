package org.cityhub.api.ingest;

import java.util.Map;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.types.State;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Maps a document a department's system pushes for one thing to that thing's channel states. Registered as an
 * OSGi service by the binding that owns the thing type; the hub's {@link IngestService} hands it each document as
 * received (the handler parses it, once) and records the states only if every one of the request's documents
 * mapped.
 */
@ConsumerType
public interface IngestHandler {

    /** Whether things of this type take pushed documents through this handler. */
    boolean supportsThingType(ThingTypeUID thingTypeUID);

    /**
     * The channel states a document carries, all or none.
     *
     * @param thing the thing the document was pushed to
     * @param thingType the thing's type with the channels the thing defines itself
     * @param document the request body as received
     * @return the states by channel id, each of the type its channel holds; channels the document says nothing of
     *         are left out
     * @throws IngestException listing every problem of the document
     */
    Map<String, State> map(Thing thing, ThingType thingType, String document) throws IngestException;
}
