package org.cityhub.api.ingest;

import java.util.Map;
import java.util.function.Predicate;

import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.State;
import org.osgi.annotation.versioning.ProviderType;

/**
 * States that enter the hub from outside a binding's own connection: documents a department's system pushes, and
 * states an operator sets by hand. A pushed document is handed, as received, to the {@link IngestHandler} of its
 * thing's binding, which parses it once; the states it maps to are recorded through the thing's running handler,
 * the same path every state a binding reports takes, so they are checked, cached and published alike. A service
 * of the hub, used by the REST API; the caller decides who may push to which thing.
 */
@ProviderType
public interface IngestService {

    /**
     * Records a document pushed for one thing, all or nothing.
     *
     * @param thing the thing the document was pushed to
     * @param document the document as received
     * @return the states recorded, by channel id
     * @throws IngestException saying why nothing was recorded
     */
    Map<String, State> ingest(ThingUID thing, String document) throws IngestException;

    /**
     * Records documents pushed for several things at once: all of them, or none if any is refused.
     *
     * @param batch a JSON object of documents keyed by thing UID, as received
     * @param visible which things the caller may push to; any other is refused as unknown
     * @return the states recorded, by thing and channel id, in the batch's order
     * @throws IngestException listing every problem of the batch, each prefixed with its thing UID
     */
    Map<ThingUID, Map<String, State>> ingestBatch(String batch, Predicate<Thing> visible) throws IngestException;

    /**
     * Sets a writable channel's state as if its handler had reported it, without commanding the device (an
     * operator correcting the hub's view): recorded, and published as a state event.
     *
     * @param channel the channel
     * @param state a state of the channel's item type
     * @throws CommandRejectedException if the thing or channel is unknown, the channel is read-only or does not
     *         hold such a state, or no handler runs for the thing
     */
    void setState(ChannelUID channel, State state) throws CommandRejectedException;
}
