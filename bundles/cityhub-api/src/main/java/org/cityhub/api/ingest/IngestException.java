package org.cityhub.api.ingest;

import java.util.List;

/** A pushed document that does not map to its thing's channels, with every problem found in it. */
public final class IngestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * An exception for these problems.
     *
     * @param problems what is wrong, one entry each, naming the channel or field (at least one)
     */
    public IngestException(List<String> problems) {
        super(String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an ingest exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
