package org.cityhub.core.internal.thing;

import org.cityhub.api.federation.HubIds;
import org.cityhub.api.thing.Thing;

/**
 * A thing as one of its sources defines it.
 *
 * @param thing the definition, secrets and all
 * @param source where it is defined: a thing file's name, {@link ThingDefinitions#MANAGED}, or
 *            {@code remote:<hub>} for a thing another hub runs
 * @param enabled whether it should run
 */
record DefinedThing(Thing thing, String source, boolean enabled) {

    /** Whether another hub runs it: this hub never gives it a handler. */
    boolean remote() {
        return source.startsWith(HubIds.SOURCE_PREFIX);
    }
}
