package org.cityhub.api.types;

/**
 * The value a channel holds. Every state says which JSON {@link #type() type} it has on the wire.
 */
public sealed interface State permits NumberValue, OnOff, OpenClosed, Text, DateTimeValue, PointValue, UnDef {

    /** The state's type name as used in JSON: {@code number}, {@code onoff}, {@code null}, … */
    String type();
}
