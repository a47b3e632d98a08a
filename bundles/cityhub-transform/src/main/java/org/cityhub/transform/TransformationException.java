package org.cityhub.transform;

/** A value could not be transformed: the message says which step refused what, so a bad payload is explained. */
public final class TransformationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A refusal, with what was refused and why. */
    public TransformationException(String message) {
        super(message);
    }
}
