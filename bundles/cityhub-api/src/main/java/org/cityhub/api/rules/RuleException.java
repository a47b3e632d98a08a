package org.cityhub.api.rules;

/** A rule could not be defined, changed or removed; the message says why, naming the JSON pointer. */
public final class RuleException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the change was refused. */
    public enum Reason {
        /** The document is not a valid rule, or names what its department may not use. */
        INVALID,
        /** No rule has that id. */
        NOT_FOUND,
        /** A rule file defines it: change the file. */
        CONFLICT,
        /** The rule could not be stored. */
        STORAGE_FAILED
    }

    private final Reason reason;

    /** A refusal for this reason; the message says what was wrong. */
    public RuleException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the change was refused. */
    public Reason reason() {
        return reason;
    }
}
