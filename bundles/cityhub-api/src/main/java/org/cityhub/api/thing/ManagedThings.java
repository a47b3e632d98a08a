package org.cityhub.api.thing;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Things created and changed at run time (through REST or the console), stored by the hub so that they survive
 * restarts. Things defined by files are read-only here. A service of the hub.
 */
@ProviderType
public interface ManagedThings {

    /**
     * Creates a thing. Its configuration is checked against its type if the type is known (defaults are filled
     * in when the thing starts); a thing of an unknown type is kept and waits for its binding. A secret parameter
     * may not be sent as {@code Secrets.SET}: there is nothing to keep.
     *
     * @return the thing as defined, its secrets masked
     * @throws ThingChangeException if the UID exists, or the definition is invalid
     */
    Thing add(Thing thing) throws ThingChangeException;

    /**
     * Replaces a managed thing's definition; its handler restarts with it. The call waits a few seconds at most for
     * that: behind a binding slow to stop, the change is stored and takes effect when the binding answers, and
     * {@link ThingRegistry} shows it from then on. A secret parameter sent as
     * {@code Secrets.SET} keeps the value stored for it.
     *
     * @return the thing as defined, its secrets masked
     * @throws ThingChangeException if the thing is unknown, file-defined, or the definition is invalid
     */
    Thing update(Thing thing) throws ThingChangeException;

    /**
     * Removes a managed thing: its handler is disposed, its states forgotten.
     *
     * @throws ThingChangeException if the thing is unknown or file-defined
     */
    void remove(ThingUID uid) throws ThingChangeException;

    /**
     * Enables or disables a managed thing; a disabled thing keeps its definition but runs no handler
     * ({@code UNINITIALIZED / DISABLED}).
     *
     * @throws ThingChangeException if the thing is unknown or file-defined
     */
    void setEnabled(ThingUID uid, boolean enabled) throws ThingChangeException;

    /**
     * Whether a change to the thing is stored but has not taken full effect yet: its handler has not stopped or
     * restarted, because its binding is slow to answer. The methods above return after a few seconds at most;
     * this tells the caller whether to say "accepted" rather than "done".
     */
    boolean isChanging(ThingUID uid);
}
