package org.cityhub.api.admin;

import java.time.Instant;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A filter over the audit trail; null parts match everything.
 *
 * @param since entries at or after this time
 * @param actor entries whose actor contains this text
 * @param action entries whose action contains this text
 * @param target entries whose target contains this text
 * @param limit at most this many entries, the newest
 */
public record AuditQuery(@Nullable Instant since, @Nullable String actor, @Nullable String action,
        @Nullable String target, int limit) {

    public AuditQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /** Whether the entry passes this filter (the limit aside). */
    public boolean matches(AuditEntry entry) {
        Instant from = since;
        return (from == null || !entry.time().isBefore(from)) && contains(entry.actor(), actor)
                && contains(entry.action(), action) && contains(entry.target(), target);
    }

    private static boolean contains(String value, @Nullable String part) {
        return part == null || value.contains(part);
    }
}
