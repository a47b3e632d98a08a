package ${package};

import java.time.Duration;

import org.cityhub.api.config.Parameter;

/**
 * A sensor's configuration, read from the thing's configuration by the SDK's reader: one record component per
 * parameter of the thing type's descriptor. The hub has already applied the descriptor's defaults and limits; the
 * compact constructor checks what the descriptor cannot say.
 *
 * @param host where the device answers ({@code host}, required)
 * @param interval how often it is read ({@code intervalSeconds}, 1..3600; the descriptor's default is 10)
 */
record SensorConfig(String host, @Parameter("intervalSeconds") Duration interval) {

    /** @throws IllegalArgumentException naming the parameter and what is wrong with it */
    SensorConfig {
        if (host.isBlank()) {
            throw new IllegalArgumentException("parameter 'host' must name the device");
        }
    }
}
