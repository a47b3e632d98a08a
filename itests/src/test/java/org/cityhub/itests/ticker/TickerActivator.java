package org.cityhub.itests.ticker;

import java.time.Duration;

import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.NumberValue;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A well-behaved binding whose one thing type counts: 1, 2, 3, … every few milliseconds, without gaps. */
public final class TickerActivator implements BundleActivator, ThingHandlerFactory {

    @Override
    public void start(BundleContext context) {
        context.registerService(ThingHandlerFactory.class, this, null);
    }

    @Override
    public void stop(BundleContext context) {
        // the service goes with the bundle
    }

    @Override
    public boolean supportsThingType(ThingTypeUID type) {
        return type.equals(new ThingTypeUID("ticker", "counter"));
    }

    @Override
    public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
        return new Counter(thing, callback);
    }

    /** Reports the next number every 5 ms. */
    public static final class Counter extends BaseThingHandler {
        private long next;

        Counter(Thing thing, ThingHandlerCallback callback) {
            super(thing, callback);
        }

        @Override
        public void initialize() {
            updateStatus(ThingStatus.ONLINE);
            scheduler().scheduleAtFixedRate(() -> updateState("count", NumberValue.of(++next)), Duration.ZERO,
                    Duration.ofMillis(5));
        }

        @Override
        public void handleCommand(ChannelUID channel, Command command) {
            // counts on its own
        }
    }
}
