package org.cityhub.itests.gate;

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

/**
 * A binding whose handlers go online at once and take until the gate opens to stop: it holds the hub's thing
 * lifecycle where a test wants it, as a device slow to disconnect would.
 */
public final class GateFactory implements ThingHandlerFactory {

    private final CountDownLatch gate;

    GateFactory(CountDownLatch gate) {
        this.gate = gate;
    }

    @Override
    public boolean supportsThingType(ThingTypeUID type) {
        return type.bindingId().equals("gate");
    }

    @Override
    public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
        return new BaseThingHandler(thing, callback) {
            @Override
            public void initialize() {
                updateStatus(ThingStatus.ONLINE);
            }

            @Override
            public void dispose() {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void handleCommand(ChannelUID channel, Command command) {
                // a valve here takes no commands
            }
        };
    }
}
