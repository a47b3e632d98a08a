package org.cityhub.api.sharing;

import java.time.Instant;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A span of time whose history a scope may read: an owner's is unbounded; a grantee's is the time a grant was
 * in force.
 *
 * @param from the first instant, or {@code null} for no bound
 * @param to the instant it ended (exclusive), or {@code null} for no bound
 */
public record ReadWindow(@Nullable Instant from, @Nullable Instant to) {

    /** No bound at either end: the owner's window. */
    public static final ReadWindow ALWAYS = new ReadWindow(null, null);

    /** Whether the instant lies inside. */
    public boolean contains(Instant instant) {
        Instant start = from;
        Instant end = to;
        return (start == null || !instant.isBefore(start)) && (end == null || instant.isBefore(end));
    }
}
