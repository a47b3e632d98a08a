package org.cityhub.api.thing;

/** The type of a configuration parameter. */
public enum ParameterType {
    TEXT, INTEGER, DECIMAL, BOOLEAN
}
