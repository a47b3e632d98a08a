package ${package};

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.HandlerScheduler.ScheduledTask;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.Refresh;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One ${bindingId} sensor: reads the device at the configured interval and reports its reading; switches it on
 * command. Its status says why when something is wrong: a configuration error, or the device not answering
 * (it is tried again at the next interval).
 */
final class SensorHandler extends BaseThingHandler {

    private final Function<SensorConfig, Device> connect;
    private @Nullable Device device;
    private @Nullable ScheduledTask polling;

    SensorHandler(Thing thing, ThingHandlerCallback callback, Function<SensorConfig, Device> connect) {
        super(thing, callback);
        this.connect = connect;
    }

    @Override
    public void initialize() {
        // a bad configuration becomes OFFLINE / CONFIGURATION_ERROR naming the parameter, and an empty answer
        Optional<SensorConfig> config = configuration(SensorConfig.class);
        if (config.isEmpty()) {
            return;
        }
        device = connect.apply(config.get());
        // never block here: the first reading happens on the scheduler, and sets the status
        polling = scheduler().scheduleAtFixedRate(this::poll, Duration.ZERO, config.get().interval());
    }

    @Override
    public void handleCommand(ChannelUID channel, Command command) {
        Device current = device;
        if (current == null) {
            return;
        }
        if (command == Refresh.REFRESH) {
            poll();
        } else if (channel.channelId().equals("power") && command instanceof OnOff power) {
            try {
                current.power(power == OnOff.ON);
                updateState("power", power);
            } catch (IOException e) {
                updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR, "switching failed: "
                        + e.getMessage());
            }
        }
    }

    @Override
    public void dispose() {
        ScheduledTask task = polling;
        if (task != null) {
            task.cancel();
        }
        device = null;
    }

    private void poll() {
        Device current = device;
        if (current == null) {
            return;
        }
        try {
            double reading = current.read();
            updateStatus(ThingStatus.ONLINE);
            updateState("reading", new NumberValue(BigDecimal.valueOf(reading).setScale(1, RoundingMode.HALF_UP), "°C"));
        } catch (IOException e) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR, "the device does not answer: "
                    + e.getMessage());
        }
    }
}
