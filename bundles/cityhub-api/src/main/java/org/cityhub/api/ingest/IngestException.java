package org.cityhub.api.ingest;

import java.util.List;

/** A pushed document that was not recorded, with why and every problem found in it. */
public final class IngestException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a document was not recorded. */
    public enum Reason {
        /** The document does not map to its thing's channels; {@link #problems()} says where. */
        INVALID_DOCUMENT,
        /** No thing has that UID, or the caller may not see it. */
        UNKNOWN_THING,
        /** The thing's type takes no pushed documents (no binding's ingest handler supports it). */
        NOT_ACCEPTED,
        /** The thing takes documents, but no handler runs for it now. */
        NOT_RUNNING
    }

    private final Reason reason;
    private final List<String> problems;

    /**
     * A document that does not map to its thing's channels: what a binding's {@link IngestHandler} throws.
     *
     * @param problems what is wrong, one entry each, naming the channel or field (at least one)
     */
    public IngestException(List<String> problems) {
        this(Reason.INVALID_DOCUMENT, problems);
    }

    /**
     * A document refused for this reason.
     *
     * @param reason why it was not recorded
     * @param problems what is wrong, one entry each (at least one)
     */
    public IngestException(Reason reason, List<String> problems) {
        super(String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an ingest exception needs at least one problem");
        }
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    /** Why the document was not recorded. */
    public Reason reason() {
        return reason;
    }

    /** Every problem, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
