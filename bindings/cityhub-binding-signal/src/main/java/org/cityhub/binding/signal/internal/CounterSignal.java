package org.cityhub.binding.signal.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.NumberValue;

/**
 * Counts at {@code ratePerSecond}: every tick of at least 10 ms it reports as many numbers as the rate asks for,
 * so that a consumer can tell a lost event from a gap in the numbers.
 */
final class CounterSignal extends BaseThingHandler {

    private static final long MIN_TICK_MILLIS = 10;

    private long count;

    CounterSignal(Thing thing, ThingHandlerCallback callback) {
        super(thing, callback);
    }

    @Override
    public void initialize() {
        Optional<SignalConfig> config = configuration(SignalConfig.class);
        if (config.isEmpty()) {
            return;
        }
        long perSecond = config.get().ratePerSecond();
        long tickMillis = Math.max(MIN_TICK_MILLIS, 1000 / perSecond);
        long perTick = Math.max(1, perSecond * tickMillis / 1000);
        updateStatus(ThingStatus.ONLINE);
        scheduler().scheduleAtFixedRate(() -> tick(perTick), Duration.ZERO, Duration.ofMillis(tickMillis));
    }

    private void tick(long numbers) {
        for (long i = 0; i < numbers; i++) {
            updateState("count", new NumberValue(BigDecimal.valueOf(++count), null));
        }
    }

    @Override
    public void handleCommand(ChannelUID channel, Command command) {
        // a read-only signal: the hub refuses every command but REFRESH, and there is nothing to refresh
    }
}
