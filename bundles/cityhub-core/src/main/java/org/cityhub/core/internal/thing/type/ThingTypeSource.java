package org.cityhub.core.internal.thing.type;

import org.cityhub.api.thing.ThingTypeRegistry;

/** The thing types of the installed bindings, and a signal when new ones arrive. */
public interface ThingTypeSource extends ThingTypeRegistry {

    /** Runs the listener whenever thing types arrive. */
    void addListener(Runnable listener);

    void removeListener(Runnable listener);
}
