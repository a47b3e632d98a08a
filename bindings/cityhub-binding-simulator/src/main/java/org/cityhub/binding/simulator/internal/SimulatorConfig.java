package org.cityhub.binding.simulator.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * A simulated device's configuration.
 *
 * @param interval how often the device reports ({@code intervalSeconds}, 1..3600, default 5)
 * @param baseLevel a water gauge's mean level in cm ({@code baseLevel}, default 120)
 * @param alarmThreshold the level in cm above which a gauge fires ALARM ({@code alarmThreshold}, default 180)
 */
record SimulatorConfig(Duration interval, double baseLevel, double alarmThreshold) {

    /** @throws IllegalArgumentException naming the parameter and the rule it broke */
    static SimulatorConfig of(Map<String, Object> configuration) {
        double interval = number(configuration, "intervalSeconds", 5);
        if (interval < 1 || interval > 3600) {
            throw new IllegalArgumentException("intervalSeconds must be between 1 and 3600, was " + interval);
        }
        return new SimulatorConfig(Duration.ofMillis((long) (interval * 1000)), number(configuration, "baseLevel", 120),
                number(configuration, "alarmThreshold", 180));
    }

    private static double number(Map<String, Object> configuration, String key, double fallback) {
        Object value = configuration.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof BigDecimal number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException(key + " must be a number, was '" + value + "'");
    }
}
