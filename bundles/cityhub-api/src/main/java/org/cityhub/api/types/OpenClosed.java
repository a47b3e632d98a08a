package org.cityhub.api.types;

/** A contact's state: a door, a valve, a barrier. */
public enum OpenClosed implements State {
    OPEN, CLOSED;

    @Override
    public String type() {
        return "openclosed";
    }
}
