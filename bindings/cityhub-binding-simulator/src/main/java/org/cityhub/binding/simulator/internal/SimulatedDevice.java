package org.cityhub.binding.simulator.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Random;

import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.Refresh;

/**
 * A virtual device: reports its channels every {@code intervalSeconds} (default 5) from the city's daily
 * rhythm plus noise, the first time as soon as it starts. The noise is seeded by the thing's UID, so each device
 * has its own character and its own moment in the interval.
 */
abstract class SimulatedDevice extends BaseThingHandler {

    private final Random noise;

    protected SimulatedDevice(Thing thing, ThingHandlerCallback callback) {
        super(thing, callback);
        this.noise = new Random(thing.uid().toString().hashCode());
    }

    @Override
    public void initialize() {
        Optional<SimulatorConfig> config = configuration(SimulatorConfig.class);
        if (config.isEmpty() || !configure()) {
            return;
        }
        updateStatus(ThingStatus.ONLINE);
        report();
        // later reports at a phase of the device's own, as a city's devices are never in step: a simulated city
        // started at once does not report in bursts
        Duration interval = config.get().interval();
        scheduler().scheduleAtFixedRate(this::report, Duration.ofMillis((long) (interval.toMillis()
                * noise.nextDouble())), interval);
    }

    @Override
    public void handleCommand(ChannelUID channel, Command command) {
        if (command == Refresh.REFRESH) {
            report();
        } else {
            onCommand(channel.channelId(), command);
        }
    }

    /**
     * Reads the type's own settings and sets the device's first values; called before the first report.
     *
     * @return whether the device can start; if not, it has reported why
     */
    protected boolean configure() {
        return true;
    }

    /** Reports every channel's current value. */
    protected abstract void report();

    /** Handles a command other than REFRESH. Read-only devices never get one: the hub refuses it. */
    protected void onCommand(String channelId, Command command) {
    }

    /** The local time of day on the hub's clock. */
    protected LocalTime timeOfDay() {
        return LocalTime.ofInstant(clock().instant(), ZoneId.systemDefault());
    }

    /** A normally distributed deviation with the given spread. */
    protected double noise(double spread) {
        return noise.nextGaussian() * spread;
    }

    /** A number state rounded to the given decimals. */
    protected static NumberValue number(double value, int decimals, String unit) {
        return new NumberValue(BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP), unit);
    }
}
