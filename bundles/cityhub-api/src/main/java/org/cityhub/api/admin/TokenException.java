package org.cityhub.api.admin;

/** A token could not be created or revoked; the message says why. */
public final class TokenException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the change was refused. */
    public enum Reason {
        /** The name, role, scope or expiry is not valid. */
        INVALID,
        /** A token of that name exists already. */
        CONFLICT,
        /** No token has that name. */
        NOT_FOUND,
        /** The token store could not be written. */
        STORAGE_FAILED
    }

    private final Reason reason;

    /** A refusal for this reason; the message says what was wrong. */
    public TokenException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the change was refused. */
    public Reason reason() {
        return reason;
    }
}
