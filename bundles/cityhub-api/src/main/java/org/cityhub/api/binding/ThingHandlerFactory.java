package org.cityhub.api.binding;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingTypeUID;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A binding's entry point, registered as an OSGi service: the hub asks it for a handler for each thing
 * whose type it supports. The binding ships its thing types as descriptors in {@code CITYHUB-INF/thing-types/}.
 */
@ConsumerType
public interface ThingHandlerFactory {

    /** Whether this factory creates handlers for things of that type. */
    boolean supportsThingType(ThingTypeUID thingTypeUID);

    /**
     * Creates the handler for a thing. Must not start work: the hub calls {@link ThingHandler#initialize()}
     * next.
     *
     * @param thing a thing of a supported type
     * @param callback how the handler reports to the hub
     */
    ThingHandler createHandler(Thing thing, ThingHandlerCallback callback);
}
