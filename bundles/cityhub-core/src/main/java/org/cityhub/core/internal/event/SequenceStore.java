package org.cityhub.core.internal.event;

/**
 * Keeps sequence numbers increasing across restarts: the bus reserves blocks of numbers and persists the end of
 * the block before handing any number of it out; after a restart it starts above the last reserved end, so a
 * number is never issued twice, even after a crash.
 */
interface SequenceStore {

    /** The highest number reserved by an earlier run, or 0. */
    long reservedUpTo();

    /** Persists that numbers up to {@code upTo} may be issued. */
    void reserve(long upTo);
}
