package org.cityhub.api.discovery;

import org.cityhub.api.thing.ThingUID;
import org.osgi.annotation.versioning.ProviderType;

/** Where a discovery service reports; given by the hub, safe to call from any thread. */
@ProviderType
public interface DiscoveryListener {

    /** A device was found (again); a result for a UID already in the inbox replaces it. */
    void discovered(DiscoveryResult result);

    /** A device that was found is gone; its inbox entry is removed unless it was ignored. */
    void vanished(ThingUID thingUID);
}
