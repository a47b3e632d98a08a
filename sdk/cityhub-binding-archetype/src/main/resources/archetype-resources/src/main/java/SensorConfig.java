package ${package};

import java.time.Duration;
import java.util.Optional;

import org.cityhub.api.config.Parameter;

/**
 * A sensor's configuration, read from the thing's configuration by the SDK's reader: one record component per
 * parameter of the thing type's descriptor. The hub has already applied the descriptor's defaults and limits; the
 * compact constructor checks what the descriptor cannot say.
 *
 * @param host where the device answers ({@code host}, required)
 * @param interval how often it is read ({@code intervalSeconds}, 1..3600; the descriptor's default is 10)
 * @param apiKey the key the device asks for, if any ({@code apiKey}, marked {@code "secret": true} in the
 *        descriptor: the hub shows it to nobody but this handler)
 */
record SensorConfig(String host, @Parameter("intervalSeconds") Duration interval, Optional<String> apiKey) {

    /** @throws IllegalArgumentException naming the parameter and what is wrong with it */
    SensorConfig {
        if (host.isBlank()) {
            throw new IllegalArgumentException("parameter 'host' must name the device");
        }
    }

    /** Names the device, never the key: a record's own toString would print every component into a log. */
    @Override
    public String toString() {
        return host + " every " + interval.toSeconds() + " s" + (apiKey.isPresent() ? " with an API key" : "");
    }
}
