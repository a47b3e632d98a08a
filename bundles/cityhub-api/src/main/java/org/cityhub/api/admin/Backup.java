package org.cityhub.api.admin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Exports what the hub keeps into one JSON archive and restores it, onto the same hub or a fresh one. A service
 * of the hub.
 */
@ProviderType
public interface Backup {

    /** The archive: {@code {"schemaVersion", "created", "managedThings", "ignoredInbox", "tokens", "configurations"}}. */
    String export();

    /**
     * Restores an archive: managed things are created or replaced (file-defined things are left alone),
     * ignored inbox entries ignored again, tokens
     * restored from their hashes (a token of the same name replaced), configurations applied. The whole archive is checked first; an
     * archive with an error changes nothing.
     *
     * @return what was restored, one line each
     * @throws IllegalArgumentException naming what is wrong with the archive
     */
    List<String> restore(String archive);
}
