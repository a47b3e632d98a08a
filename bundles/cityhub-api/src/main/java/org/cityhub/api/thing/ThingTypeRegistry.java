package org.cityhub.api.thing;

import java.util.Collection;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The thing types of the installed bindings. A service of the hub. */
@ProviderType
public interface ThingTypeRegistry {

    /** The type with this UID, if its binding is installed. */
    Optional<ThingType> get(ThingTypeUID uid);

    /** Every known type. */
    Collection<ThingType> getAll();
}
