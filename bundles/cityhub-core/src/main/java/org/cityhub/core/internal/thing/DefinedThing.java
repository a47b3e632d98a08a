package org.cityhub.core.internal.thing;

import org.cityhub.api.thing.Thing;

/**
 * A thing as one of its sources defines it.
 *
 * @param thing the definition, secrets and all
 * @param source where it is defined: a thing file's name, or {@link ThingDefinitions#MANAGED}
 * @param enabled whether it should run
 */
record DefinedThing(Thing thing, String source, boolean enabled) {
}
