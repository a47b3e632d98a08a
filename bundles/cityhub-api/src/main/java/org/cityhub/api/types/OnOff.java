package org.cityhub.api.types;

/** A switch's state, and the command that sets it. */
public enum OnOff implements State, Command {
    ON, OFF;

    /** {@link #ON} for {@code true}. */
    public static OnOff of(boolean on) {
        return on ? ON : OFF;
    }

    @Override
    public String type() {
        return "onoff";
    }
}
