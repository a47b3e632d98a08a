package org.cityhub.api.discovery;

import java.util.List;
import java.util.Optional;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/** The discovered devices that are not things yet. A service of the hub. */
@ProviderType
public interface Inbox {

    /** Every entry, ignored ones included. */
    List<InboxEntry> getAll();

    /** The entry for this UID. */
    Optional<InboxEntry> get(ThingUID uid);

    /**
     * Turns the entry into a managed thing and removes it from the inbox.
     *
     * @param newId another thing id than the discovered one, or {@code null}
     * @param label another label, or {@code null}
     * @throws ThingChangeException if there is no such entry, or the thing cannot be created
     */
    default Thing approve(ThingUID uid, @Nullable String newId, @Nullable String label) throws ThingChangeException {
        return approve(uid, newId, label, null);
    }

    /**
     * Turns the entry into a managed thing of a household (a device found behind a home's gateway) and removes it
     * from the inbox. Whoever calls it has decided that the actor may, and that the household exists.
     *
     * @param newId another thing id than the discovered one, or {@code null}
     * @param label another label, or {@code null}
     * @param household the household that owns the new thing, or {@code null} for a thing of no owner yet
     * @throws ThingChangeException if there is no such entry, or the thing cannot be created
     * @since 1.1
     */
    Thing approve(ThingUID uid, @Nullable String newId, @Nullable String label, @Nullable String household)
            throws ThingChangeException;

    /**
     * Marks the entry ignored: it stays (across restarts) so that discovery does not offer it again.
     *
     * @throws ThingChangeException if there is no such entry
     */
    void ignore(ThingUID uid) throws ThingChangeException;

    /**
     * Removes the entry; discovery may offer it again.
     *
     * @throws ThingChangeException if there is no such entry
     */
    void remove(ThingUID uid) throws ThingChangeException;

    /** Asks every discovery service to scan now; results arrive as they are found. */
    void scan();
}
