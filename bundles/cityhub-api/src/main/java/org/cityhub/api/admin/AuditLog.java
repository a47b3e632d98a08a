package org.cityhub.api.admin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The audit trail: every command, thing change, binding change and token change, with who, when, what and from
 * where. It survives restarts. A service of the hub.
 */
@ProviderType
public interface AuditLog {

    /** Records an entry; never fails the caller (a trail that cannot be written is reported by health). */
    void record(AuditEntry entry);

    /** Matching entries, oldest first, at most the query's limit of the newest. */
    List<AuditEntry> query(AuditQuery query);
}
