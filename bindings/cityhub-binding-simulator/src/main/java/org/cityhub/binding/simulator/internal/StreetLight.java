package org.cityhub.binding.simulator.internal;

import java.math.BigDecimal;

import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;

/**
 * A dimmable light. It starts on when it is dark; commands switch and dim it and are echoed as states. Setting
 * a brightness above 0 switches it on, 0 switches it off.
 */
final class StreetLight extends SimulatedDevice {

    private OnOff power = OnOff.OFF;
    private int brightness;

    StreetLight(Thing thing, ThingHandlerCallback callback) {
        super(thing, callback);
    }

    @Override
    protected boolean configure() {
        power = OnOff.of(CityRhythm.dark(timeOfDay()));
        brightness = power == OnOff.ON ? 100 : 0;
        return true;
    }

    @Override
    protected void report() {
        updateState("power", power);
        updateState("brightness", new NumberValue(BigDecimal.valueOf(brightness), "%"));
    }

    @Override
    protected void onCommand(String channelId, Command command) {
        if (command instanceof OnOff onOff) {
            power = onOff;
            brightness = onOff == OnOff.ON ? Math.max(brightness, 100) : 0;
        } else if (command instanceof NumberValue value) {
            brightness = Math.max(0, Math.min(100, value.value().intValue()));
            power = OnOff.of(brightness > 0);
        }
        report();
    }
}
