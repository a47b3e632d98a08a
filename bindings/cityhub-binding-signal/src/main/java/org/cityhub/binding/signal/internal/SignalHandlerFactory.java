package org.cityhub.binding.signal.internal;

import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingTypeUID;
import org.osgi.service.component.annotations.Component;

/** The signal binding: test patterns for operators and load harnesses. */
@Component(service = ThingHandlerFactory.class)
public final class SignalHandlerFactory implements ThingHandlerFactory {

    static final ThingTypeUID COUNTER = new ThingTypeUID("signal", "counter");

    @Override
    public boolean supportsThingType(ThingTypeUID thingTypeUID) {
        return COUNTER.equals(thingTypeUID);
    }

    @Override
    public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
        if (!supportsThingType(thing.thingTypeUID())) {
            throw new IllegalArgumentException("the signal binding does not handle thing type " + thing.thingTypeUID());
        }
        return new CounterSignal(thing, callback);
    }
}
