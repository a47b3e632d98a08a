package org.cityhub.api.thing;

/** Thrown when the hub will not pass a command to a channel; the message says why, for people. */
public class CommandRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a command was rejected. */
    public enum Reason {
        /** No thing has that UID. */
        UNKNOWN_THING,
        /** The thing's type has no such channel. */
        UNKNOWN_CHANNEL,
        /** The channel is read-only or a trigger channel. */
        READ_ONLY,
        /** The channel's item type does not take this command. */
        UNSUPPORTED_COMMAND,
        /** No handler runs for the thing: its binding is missing. */
        HANDLER_MISSING
    }

    private final Reason reason;

    /** A rejection for this reason; the message says what to do instead. */
    public CommandRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the command was rejected. */
    public Reason reason() {
        return reason;
    }
}
