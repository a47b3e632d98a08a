package org.cityhub.api.types;

/** What can be sent to a channel: on/off, a number, a text or {@link Refresh#REFRESH}. */
public sealed interface Command permits NumberValue, OnOff, Text, Refresh {
}
