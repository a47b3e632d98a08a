package org.cityhub.core.internal.thing;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

import org.cityhub.api.thing.DefinitionProblem;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingUID;

/**
 * How definitions reach the thing manager from their sources: the thing files and the managed store. Each thing
 * has exactly one source. Changes are carried out one at a time; a change waits for the handlers it restarts,
 * which a slow binding can hold up, so a caller that must answer quickly bounds its wait.
 */
public interface ThingDefinitions {

    /** The source of things created through REST or the console. */
    String MANAGED = "managed";

    /**
     * Adds a thing, or replaces its definition; a running handler restarts with the new definition.
     *
     * @throws IllegalStateException if another source defines a thing with this UID
     */
    void define(Thing thing, String source, boolean enabled);

    /**
     * Adds or replaces a thing, waiting at most {@code patience} for the change to take effect.
     *
     * @return whether it took effect in time; if not, it is queued and takes effect once the handlers it restarts
     *         have answered
     * @throws IllegalStateException if another source defines a thing with this UID (found within the patience)
     */
    boolean define(Thing thing, String source, boolean enabled, Duration patience);

    /** Removes a thing: its handler is disposed, its status and states forgotten. Unknown UIDs are ignored. */
    void undefine(ThingUID uid);

    /**
     * Removes a thing, waiting at most {@code patience} for the change to take effect.
     *
     * @return whether it took effect in time; if not, it is queued
     */
    boolean undefine(ThingUID uid, Duration patience);

    /**
     * What applying a source's things did.
     *
     * @param defined the things the source now defines
     * @param changed how many of them were new or changed, and so (re)started
     * @param removed how many things of the source were removed
     * @param conflicts one sentence for each thing left out because another source defines it
     */
    record Applied(Set<ThingUID> defined, int changed, int removed, List<String> conflicts) {
    }

    /**
     * Brings a whole source (a thing file) in line at once: removes its things in {@code gone}, defines its new and
     * changed things, and leaves its unchanged things and their running handlers untouched. The work is done in
     * slices, so that other changes interleave; the caller waits until all of it has run, and {@code progress} hears
     * the number of {@code things} applied so far after each slice.
     */
    Applied apply(String source, List<Thing> things, Collection<ThingUID> gone, IntConsumer progress);

    /** Whether a change to the thing is queued or under way (waiting, say, for a slow handler to stop). */
    boolean isChanging(ThingUID uid);

    /** The thing's current definition, secrets and all (the registry shows others a masked copy). */
    Optional<Thing> definition(ThingUID uid);

    /** Where the thing is defined. */
    Optional<String> sourceOf(ThingUID uid);

    /** Whether the thing is enabled; false for unknown things. */
    boolean isEnabled(ThingUID uid);

    /** Replaces the problems reported for one thing file; an empty list clears them. */
    void reportProblems(String file, List<DefinitionProblem> problems);
}
