package org.cityhub.binding.simulator.internal;

import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.types.OnOff;

/** A parking bay: busier in the daytime; it reports only while its gateway is up. */
final class ParkingSensor extends SimulatedDevice {

    ParkingSensor(Thing thing, ThingHandlerCallback callback) {
        super(thing, callback);
    }

    @Override
    protected void report() {
        if (bridgeHandler(DistrictGateway.class).map(DistrictGateway::up).orElse(false)) {
            double busy = 0.2 + 0.6 * CityRhythm.traffic(timeOfDay());
            updateState("occupied", OnOff.of(noise(1) < busy * 2 - 1 + 0.5));
        }
    }
}
