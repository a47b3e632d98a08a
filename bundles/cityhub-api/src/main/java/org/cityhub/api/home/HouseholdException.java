package org.cityhub.api.home;

/** A household could not be created, changed or removed; the message says why. */
public final class HouseholdException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the change was refused. */
    public enum Reason {
        /** A field of the draft is not valid. */
        INVALID,
        /** The change conflicts with what is there: another office keeps it, or things still belong to it. */
        CONFLICT,
        /** No household has that id. */
        NOT_FOUND,
        /** The households could not be stored. */
        STORAGE_FAILED
    }

    private final Reason reason;

    /** A refusal for this reason; the message says what was wrong. */
    public HouseholdException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the change was refused. */
    public Reason reason() {
        return reason;
    }
}
