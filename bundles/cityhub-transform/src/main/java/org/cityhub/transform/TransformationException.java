package org.cityhub.transform;

/** A value could not be transformed: the message says which step refused what, so a bad payload is explained. */
public final class TransformationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean valueAbsent;

    /** A refusal, with what was refused and why. */
    public TransformationException(String message) {
        this(message, false);
    }

    /**
     * A refusal that may say the value was not there at all.
     *
     * @param message what was refused and why
     * @param valueAbsent whether the input does not hold the value (a JSON path that selects nothing), as opposed
     *        to holding a wrong one
     */
    public TransformationException(String message, boolean valueAbsent) {
        super(message);
        this.valueAbsent = valueAbsent;
    }

    /**
     * Whether the input simply does not hold the value: a document that says nothing of a channel, which a binding
     * may skip where it would count a wrong value as an error.
     */
    public boolean valueAbsent() {
        return valueAbsent;
    }
}
