package org.cityhub.api.sharing;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.cityhub.api.thing.Thing;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A grant as the hub keeps it: what an owner lets a department see or command, why, and for how long. Revoked
 * grants are kept, so that history read through a grant stays inside the time it was in force.
 *
 * @param id the grant's unique id ({@code [a-z0-9][a-z0-9._-]*})
 * @param owner who shares
 * @param grantee the department that receives it
 * @param selection what it takes in of the owner's things
 * @param rights what the grantee may do: always {@link Right#READ}, with or without {@link Right#COMMAND}
 * @param purpose why, for people and the audit trail
 * @param expires when it ends by itself, or {@code null}
 * @param created when it was made
 * @param createdBy who made it ({@code token:NAME}, {@code console:USER})
 * @param revoked when it was revoked, or {@code null}
 * @param revokedBy who revoked it, or {@code null}
 */
public record Grant(String id, GrantOwner owner, String grantee, Selection selection, Set<Right> rights,
        String purpose, @Nullable Instant expires, Instant created, String createdBy, @Nullable Instant revoked,
        @Nullable String revokedBy) {

    public Grant {
        rights = Collections.unmodifiableSet(rights.isEmpty() ? EnumSet.noneOf(Right.class) : EnumSet.copyOf(rights));
    }

    /** Whether it is in force at this instant: not revoked, not expired. */
    public boolean activeAt(Instant now) {
        Instant end = end();
        return end == null || now.isBefore(end);
    }

    /** When it stopped or stops being in force (revoked or expiring, whichever first), or {@code null}. */
    public @Nullable Instant end() {
        Instant revokedAt = revoked;
        Instant expiresAt = expires;
        if (revokedAt == null) {
            return expiresAt;
        }
        return expiresAt == null || revokedAt.isBefore(expiresAt) ? revokedAt : expiresAt;
    }

    /** Whether the grant gives this right. */
    public boolean allows(Right right) {
        return rights.contains(right);
    }

    /** Whether the thing is the owner's and at least one of its channels selected. */
    public boolean touches(Thing thing) {
        return owner.owns(thing) && selection.touches(thing);
    }

    /** Whether the thing is the owner's and this channel of it selected. */
    public boolean takesChannel(Thing thing, String channelId) {
        return owner.owns(thing) && selection.takesChannel(thing, channelId);
    }

    /** The same grant, revoked. */
    public Grant revokedAt(Instant when, String by) {
        return new Grant(id, owner, grantee, selection, rights, purpose, expires, created, createdBy, when, by);
    }
}
