package org.cityhub.api.types;

/** The two states that carry no value: never set, and unknown now. */
public enum UnDef implements State {
    /** The channel has never had a state. */
    NULL,
    /** The channel's state is unknown now: the device stopped reporting or sent garbage. */
    UNDEF;

    @Override
    public String type() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
