package org.cityhub.core.internal.event;

/**
 * Keeps sequence numbers increasing across restarts: the bus reserves blocks of numbers and persists the end of
 * the block before handing any number of it out; after a restart it starts above the last reserved end, so a
 * number is never issued twice, even after a crash.
 */
interface SequenceStore {

    /** The highest number reserved by an earlier run, or 0. */
    long reservedUpTo();

    /**
     * Persists that numbers up to {@code upTo} may be issued. Never throws: a store that cannot persist says so
     * its own way, and must still start above every issued number after a restart.
     */
    void reserve(long upTo);

    /** Keeps the reservation in memory only: sequence numbers restart at 1 with each bus. */
    final class InMemory implements SequenceStore {
        private long reserved;

        @Override
        public long reservedUpTo() {
            return reserved;
        }

        @Override
        public void reserve(long upTo) {
            reserved = upTo;
        }
    }
}
