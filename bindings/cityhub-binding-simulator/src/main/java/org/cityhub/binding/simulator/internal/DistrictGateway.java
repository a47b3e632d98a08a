package org.cityhub.binding.simulator.internal;

import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.OnOff;

/** A bridge: parking sensors report through it. Switching it OFF takes it, and so its sensors, offline. */
final class DistrictGateway extends SimulatedDevice {

    private OnOff power = OnOff.ON;

    DistrictGateway(Thing thing, ThingHandlerCallback callback) {
        super(thing, callback);
    }

    /** Whether sensors can report through the gateway now. */
    boolean up() {
        return power == OnOff.ON;
    }

    @Override
    protected void report() {
        updateState("power", power);
    }

    @Override
    protected void onCommand(String channelId, Command command) {
        if (command instanceof OnOff onOff) {
            power = onOff;
            if (up()) {
                updateStatus(ThingStatus.ONLINE);
            } else {
                updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR, "gateway switched off");
            }
            report();
        }
    }
}
