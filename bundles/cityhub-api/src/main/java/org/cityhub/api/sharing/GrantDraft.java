package org.cityhub.api.sharing;

import java.time.Instant;
import java.util.Set;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A grant asked for, before the hub has made it.
 *
 * @param id the id wanted, or {@code null} for one the hub chooses
 * @param owner who shares
 * @param grantee the department that receives it
 * @param selection what it takes in of the owner's things
 * @param rights {@link Right#READ}, with or without {@link Right#COMMAND}
 * @param purpose why; required
 * @param expires when it ends by itself, or {@code null}
 */
public record GrantDraft(@Nullable String id, GrantOwner owner, String grantee, Selection selection,
        Set<Right> rights, String purpose, @Nullable Instant expires) {

    public GrantDraft {
        rights = Set.copyOf(rights);
    }
}
