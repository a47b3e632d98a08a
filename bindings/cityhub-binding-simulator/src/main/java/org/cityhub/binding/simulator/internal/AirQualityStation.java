package org.cityhub.binding.simulator.internal;

import java.time.LocalTime;

import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.Thing;

/** Particulates follow the traffic, temperature the sun, humidity the opposite of temperature. */
final class AirQualityStation extends SimulatedDevice {

    AirQualityStation(Thing thing, ThingHandlerCallback callback) {
        super(thing, callback);
    }

    @Override
    protected void report() {
        LocalTime now = timeOfDay();
        double traffic = CityRhythm.traffic(now);
        double warmth = CityRhythm.warmth(now);
        double pm25 = Math.max(1, 6 + 28 * traffic + noise(2));
        double pm10 = Math.max(pm25, pm25 * 1.6 + noise(3));
        double temperature = 6 + 12 * warmth + noise(0.3);
        double humidity = Math.min(100, Math.max(20, 85 - 35 * warmth + noise(2)));
        updateState("pm25", number(pm25, 1, "µg/m3"));
        updateState("pm10", number(pm10, 1, "µg/m3"));
        updateState("temperature", number(temperature, 1, "°C"));
        updateState("humidity", number(humidity, 0, "%"));
    }
}
