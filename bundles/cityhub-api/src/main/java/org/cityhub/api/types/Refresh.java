package org.cityhub.api.types;

/** Asks a handler to report the channel's current state again. Every channel accepts it. */
public enum Refresh implements Command {
    REFRESH
}
