package org.cityhub.itests.misbehaving;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

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

/**
 * A binding that does everything a binding must not: throws while starting, hangs while starting or stopping,
 * throws on commands, floods state updates. The hub must keep all of it to the binding's own things.
 */
public final class MisbehavingFactory implements ThingHandlerFactory {

    @Override
    public boolean supportsThingType(ThingTypeUID type) {
        return type.bindingId().equals("misbehaving");
    }

    @Override
    public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
        switch (thing.thingTypeUID().id()) {
            case "thrower":
                return new Handler(thing, callback) {
                    @Override
                    public void initialize() {
                        throw new IllegalStateException("device table missing");
                    }
                };
            case "hanger":
                return new Handler(thing, callback) {
                    @Override
                    public void initialize() {
                        hangUntilInterrupted();
                    }
                };
            case "flooder":
                return new Flooder(thing, callback);
            case "lingerer":
            case "lingering":
                return new Handler(thing, callback) {
                    @Override
                    public void dispose() {
                        hangUntilInterrupted();
                    }
                };
            default:
                return new Handler(thing, callback) {
                    @Override
                    public void handleCommand(ChannelUID channel, Command command) {
                        throw new IllegalArgumentException("relay stuck");
                    }
                };
        }
    }

    /** Hangs until the hub gives up on the call and interrupts it. */
    private static void hangUntilInterrupted() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Goes ONLINE and ignores commands; the misbehaving types override what they break. */
    private static class Handler extends BaseThingHandler {

        Handler(Thing thing, ThingHandlerCallback callback) {
            super(thing, callback);
        }

        @Override
        public void initialize() {
            updateStatus(ThingStatus.ONLINE);
        }

        @Override
        public void handleCommand(ChannelUID channel, Command command) {
            // nothing to do
        }
    }

    /** Reports as fast as it can, from the binding's own threads, until disposed. */
    private static final class Flooder extends Handler {
        private volatile boolean disposed;
        private long counter;

        Flooder(Thing thing, ThingHandlerCallback callback) {
            super(thing, callback);
        }

        @Override
        public void initialize() {
            super.initialize();
            scheduler().scheduleAtFixedRate(this::flood, Duration.ZERO, Duration.ofMillis(10));
        }

        private void flood() {
            for (int i = 0; i < 100_000 && !disposed; i++) {
                updateState("counter", NumberValue.of(++counter));
            }
        }

        @Override
        public void dispose() {
            disposed = true;
        }
    }
}
