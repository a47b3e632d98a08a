package org.cityhub.binding.simulator.internal;

import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.Thing;

/**
 * A level that swells and ebbs around its base with a slow wave and a random walk; crossing the threshold
 * upwards fires {@code ALARM}, falling back below it fires {@code CLEAR}.
 */
final class WaterLevelGauge extends SimulatedDevice {

    private double baseLevel;
    private double threshold;
    private double drift;
    private boolean alarmed;

    WaterLevelGauge(Thing thing, ThingHandlerCallback callback) {
        super(thing, callback);
    }

    @Override
    protected boolean configure() {
        return configuration(GaugeConfig.class).map(config -> {
            baseLevel = config.baseLevel();
            threshold = config.alarmThreshold();
            return true;
        }).orElse(false);
    }

    @Override
    protected void report() {
        drift = Math.max(-40, Math.min(40, drift + noise(2)));
        double wave = 15 * Math.sin(2 * Math.PI * timeOfDay().toSecondOfDay() / 3600.0);
        double level = Math.max(0, baseLevel + wave + drift);
        updateState("level", number(level, 1, "cm"));
        if (level > threshold && !alarmed) {
            alarmed = true;
            triggerChannel("alarm", "ALARM");
        } else if (level <= threshold && alarmed) {
            alarmed = false;
            triggerChannel("alarm", "CLEAR");
        }
    }
}
