package org.cityhub.api.thing;

/** Whether a channel holds a state or fires trigger events (a button press, an alarm). */
public enum ChannelKind {
    STATE, TRIGGER
}
