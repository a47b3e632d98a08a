package org.cityhub.binding.simulator.internal;

import java.util.Map;
import java.util.function.BiFunction;

import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.outbound.OutboundPolicy;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingTypeUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The simulator binding: one virtual device class per thing type. */
@Component(service = ThingHandlerFactory.class)
public final class SimulatorHandlerFactory implements ThingHandlerFactory {

    static final String BINDING_ID = "simulator";

    private static final Map<String, BiFunction<Thing, ThingHandlerCallback, ThingHandler>> DEVICES = Map.of(
            "airquality", AirQualityStation::new,
            "traffic", TrafficCounter::new,
            "waterlevel", WaterLevelGauge::new,
            "streetlight", StreetLight::new,
            "gateway", DistrictGateway::new,
            "parking", ParkingSensor::new);

    /** The simulated home gateways' type: they connect to a broker, as the city's outbound policy allows. */
    private static final String HOME_GATEWAY = "homegateway";

    private final OutboundPolicy outbound;

    @Activate
    public SimulatorHandlerFactory(@Reference OutboundPolicy outbound) {
        this.outbound = outbound;
    }

    @Override
    public boolean supportsThingType(ThingTypeUID thingTypeUID) {
        return thingTypeUID.bindingId().equals(BINDING_ID) && (DEVICES.containsKey(thingTypeUID.id())
                || HOME_GATEWAY.equals(thingTypeUID.id()));
    }

    @Override
    public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
        if (thing.thingTypeUID().bindingId().equals(BINDING_ID) && HOME_GATEWAY.equals(thing.thingTypeUID().id())) {
            return new HomeGateway(thing, callback, outbound);
        }
        var device = DEVICES.get(thing.thingTypeUID().id());
        if (device == null || !thing.thingTypeUID().bindingId().equals(BINDING_ID)) {
            throw new IllegalArgumentException("the simulator does not handle thing type " + thing.thingTypeUID());
        }
        return device.apply(thing, callback);
    }
}
