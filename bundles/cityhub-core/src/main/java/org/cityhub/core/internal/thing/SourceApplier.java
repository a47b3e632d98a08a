package org.cityhub.core.internal.thing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.thing.ThingDefinitions.Applied;

/**
 * Applies a whole source (a thing file) at once: its unchanged things are recognised off the lifecycle thread and
 * left alone, and what changed goes through the lifecycle thread in slices, so that other changes interleave.
 */
final class SourceApplier {

    /** Things applied per lifecycle change: a slice takes milliseconds, so other changes wait little. */
    private static final int SLICE = 256;

    private final LifecycleThread lifecycle;
    private final Map<ThingUID, DefinedThing> definitions;
    private final BiPredicate<Thing, String> put;
    private final Consumer<ThingUID> remove;

    /**
     * @param definitions the manager's definitions, read only here
     * @param put defines an enabled thing for a source on the lifecycle thread; whether it was new or changed
     * @param remove removes a thing on the lifecycle thread
     */
    SourceApplier(LifecycleThread lifecycle, Map<ThingUID, DefinedThing> definitions, BiPredicate<Thing, String> put,
            Consumer<ThingUID> remove) {
        this.lifecycle = lifecycle;
        this.definitions = definitions;
        this.put = put;
        this.remove = remove;
    }

    /** See {@link ThingDefinitions#apply}. */
    Applied apply(String source, List<Thing> things, Collection<ThingUID> gone, IntConsumer progress) {
        Set<ThingUID> same = things.stream()
                .filter(thing -> new DefinedThing(thing, source, true).equals(definitions.get(thing.uid())))
                .map(Thing::uid).collect(Collectors.toSet());
        progress.accept(same.size());
        AtomicInteger removed = new AtomicInteger();
        for (List<ThingUID> slice : slices(List.copyOf(gone))) {
            lifecycle.runChanges(slice, () -> slice.stream().filter(uid -> isOf(uid, source)).forEach(uid -> {
                remove.accept(uid);
                removed.incrementAndGet();
            }));
        }
        Set<ThingUID> defined = ConcurrentHashMap.newKeySet();
        defined.addAll(same);
        AtomicInteger changed = new AtomicInteger();
        List<String> conflicts = new CopyOnWriteArrayList<>();
        int applied = same.size();
        for (List<Thing> slice : slices(things.stream().filter(thing -> !same.contains(thing.uid())).toList())) {
            lifecycle.runChanges(slice.stream().map(Thing::uid).toList(), () -> slice.forEach(thing -> {
                try {
                    if (put.test(thing, source)) {
                        changed.incrementAndGet();
                    }
                    defined.add(thing.uid());
                } catch (IllegalStateException e) {
                    conflicts.add(e.getMessage());
                }
            }));
            applied += slice.size();
            progress.accept(applied);
        }
        return new Applied(Set.copyOf(defined), changed.get(), removed.get(), List.copyOf(conflicts));
    }

    private boolean isOf(ThingUID uid, String source) {
        DefinedThing definition = definitions.get(uid);
        return definition != null && definition.source().equals(source);
    }

    /** Consecutive slices of the list. */
    private static <T> List<List<T>> slices(List<T> all) {
        List<List<T>> slices = new ArrayList<>();
        for (int from = 0; from < all.size(); from += SLICE) {
            slices.add(all.subList(from, Math.min(all.size(), from + SLICE)));
        }
        return slices;
    }
}
