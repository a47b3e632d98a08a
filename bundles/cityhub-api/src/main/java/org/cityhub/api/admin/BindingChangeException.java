package org.cityhub.api.admin;

/** Thrown when a binding cannot be installed, updated or uninstalled; the message says why, for people. */
public class BindingChangeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a change was refused. */
    public enum Reason {
        /** No binding, feature or bundle of that name. */
        NOT_FOUND,
        /** The request names something that is not a binding, or is malformed. */
        INVALID,
        /** The framework could not carry the change out; nothing else was touched. */
        FAILED
    }

    private final Reason reason;

    /** A refusal or failure for this reason; the message says what happened. */
    public BindingChangeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A failure for this reason, caused by an error of the container. */
    public BindingChangeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why the change was refused. */
    public Reason reason() {
        return reason;
    }
}
