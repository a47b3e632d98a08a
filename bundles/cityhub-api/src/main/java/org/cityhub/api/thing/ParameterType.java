package org.cityhub.api.thing;

/** The type of a configuration parameter. */
public enum ParameterType {
    /** A text, optionally one of some options or matching a pattern. */
    TEXT,
    /** A whole number, optionally within limits. */
    INTEGER,
    /** A number, optionally within limits. */
    DECIMAL,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /**
     * The channels a thing of a generic type defines for itself: a list of {@code {"id", "itemType", "label"?,
     * "unit"?, "readOnly"?, "kind"?}} objects, each with the binding's own settings for the channel.
     */
    CHANNELS
}
