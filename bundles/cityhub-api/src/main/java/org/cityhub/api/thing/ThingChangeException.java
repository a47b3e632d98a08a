package org.cityhub.api.thing;

import java.util.List;

/** Thrown when a thing cannot be created, changed or removed; the message says why, for people. */
public class ThingChangeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a change was refused. */
    public enum Reason {
        /** No thing has that UID. */
        NOT_FOUND,
        /** A thing with that UID exists already. */
        ALREADY_EXISTS,
        /** The thing is defined by a file; change the file instead. */
        READ_ONLY,
        /** The definition breaks its type's rules; {@link #violations()} lists each. */
        INVALID,
        /** The change could not be stored; nothing was changed. */
        STORAGE_FAILED
    }

    private final Reason reason;
    private final List<String> violations;

    /** A refusal for this reason; the message says what was wrong. */
    public ThingChangeException(Reason reason, String message) {
        this(reason, message, List.of());
    }

    /** A refusal for this reason, with each rule the definition broke. */
    public ThingChangeException(Reason reason, String message, List<String> violations) {
        super(message);
        this.reason = reason;
        this.violations = List.copyOf(violations);
    }

    /** Why the change was refused. */
    public Reason reason() {
        return reason;
    }

    /** Each rule the definition broke, naming the parameter; empty unless the reason is {@link Reason#INVALID}. */
    public List<String> violations() {
        return violations;
    }
}
