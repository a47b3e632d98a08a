package ${package};

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * A sensor's configuration, read once from the thing's configuration map and checked: a handler never works
 * with an invalid one.
 *
 * @param host where the device answers ({@code host}, required)
 * @param interval how often it is read ({@code intervalSeconds}, 1..3600; the descriptor's default is 10)
 */
record SensorConfig(String host, Duration interval) {

    /**
     * The configuration of a thing; the hub has already applied the descriptor's defaults and limits.
     *
     * @throws IllegalArgumentException naming the parameter and what is wrong with it
     */
    static SensorConfig of(Map<String, Object> configuration) {
        Object host = configuration.get("host");
        if (!(host instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("host must name the device, was '" + host + "'");
        }
        Object interval = configuration.getOrDefault("intervalSeconds", BigDecimal.TEN);
        if (!(interval instanceof BigDecimal seconds) || seconds.signum() <= 0) {
            throw new IllegalArgumentException("intervalSeconds must be a positive number, was '" + interval + "'");
        }
        return new SensorConfig(text, Duration.ofMillis(seconds.movePointRight(3).longValue()));
    }
}
