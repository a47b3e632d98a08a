package org.cityhub.rules.internal;

/**
 * What is wrong with a rule's document, and where: the JSON pointer, and for a rule file its line.
 */
final class RuleProblem extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String pointer;

    RuleProblem(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    /** Where in the document, e.g. {@code /triggers/0/channel}; empty for the whole document. */
    String pointer() {
        return pointer;
    }

    /** {@code at /triggers/0/channel: message}. */
    String describe() {
        return (pointer.isEmpty() ? "" : "at " + pointer + ": ") + getMessage();
    }
}
