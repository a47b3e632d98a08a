package ${package};

import java.io.IOException;

/**
 * The device as the handler sees it: its protocol lives behind this interface, so the handler's logic
 * (statuses, scheduling, commands) is tested without the device, and the protocol without the hub.
 */
interface Device {

    /** The current reading, in the unit the descriptor declares. */
    double read() throws IOException;

    /** Switches the device on or off. */
    void power(boolean on) throws IOException;
}
