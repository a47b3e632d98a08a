package org.cityhub.binding.simulator.internal;

import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.Thing;

/** More vehicles in the rush hours, and slower ones. */
final class TrafficCounter extends SimulatedDevice {

    private static final double FREE_FLOW_KMH = 50;

    TrafficCounter(Thing thing, ThingHandlerCallback callback) {
        super(thing, callback);
    }

    @Override
    protected void report() {
        double load = CityRhythm.traffic(timeOfDay());
        double vehicles = Math.max(0, 40 * load + noise(3));
        double speed = Math.max(5, FREE_FLOW_KMH * (1 - 0.6 * load * load) + noise(2));
        updateState("vehicles", number(vehicles, 0, "/min"));
        updateState("speed", number(speed, 1, "km/h"));
    }
}
