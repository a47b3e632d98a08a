package ${package};

import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingTypeUID;
import org.osgi.service.component.annotations.Component;

/** The ${bindingId} binding: the hub asks it for a handler for each thing of its types. */
@Component(service = ThingHandlerFactory.class)
public final class SensorHandlerFactory implements ThingHandlerFactory {

    static final ThingTypeUID SENSOR = ThingTypeUID.parse("${bindingId}:sensor");

    @Override
    public boolean supportsThingType(ThingTypeUID thingTypeUID) {
        return thingTypeUID.equals(SENSOR);
    }

    @Override
    public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
        return new SensorHandler(thing, callback, config -> new DemoDevice(config.host()));
    }
}
