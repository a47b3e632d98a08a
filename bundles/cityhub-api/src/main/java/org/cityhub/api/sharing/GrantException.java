package org.cityhub.api.sharing;

/** A grant could not be made or revoked; the message says why. */
public final class GrantException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the change was refused. */
    public enum Reason {
        /** The draft is not valid: owner, grantee, selection, rights, purpose or expiry. */
        INVALID,
        /** A grant with that id exists, or the grant has ended already. */
        CONFLICT,
        /** No grant has that id. */
        NOT_FOUND,
        /** The grants could not be stored. */
        STORAGE_FAILED
    }

    private final Reason reason;

    /** A refusal for this reason; the message says what was wrong. */
    public GrantException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the change was refused. */
    public Reason reason() {
        return reason;
    }
}
