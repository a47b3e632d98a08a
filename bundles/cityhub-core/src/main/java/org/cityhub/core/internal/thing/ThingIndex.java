package org.cityhub.core.internal.thing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import org.cityhub.api.thing.BoundingBox;
import org.cityhub.api.thing.Location;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingQuery;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The registry's indexes: every thing in UID order, and the things of each department, thing type, tag, status
 * and map cell, so that a query looks only at the things that could match it (a binding's things are those of its
 * types), and counting statuses, per binding too, looks at no thing at all. Definitions change on the lifecycle thread, statuses on any thread; queries run on any thread and
 * check every candidate against the whole query, so an index a moment behind can only narrow, never mislead.
 */
final class ThingIndex {

    /** Binding, then type, then id: the order of UIDs' text, segment by segment. */
    static final Comparator<ThingUID> UID_ORDER = Comparator.comparing((ThingUID uid) -> uid.bindingId())
            .thenComparing(uid -> uid.thingTypeUID().id()).thenComparing(ThingUID::id);

    /** Cells of a tenth of a degree (about 11 km north to south); a box over more cells is not worth looking up. */
    private static final double CELLS_PER_DEGREE = 10;
    private static final int MOST_CELLS = 10_000;

    private final Set<ThingUID> ordered = new ConcurrentSkipListSet<>(UID_ORDER);
    private final Map<String, Set<ThingUID>> byDepartment = new ConcurrentHashMap<>();
    private final Map<ThingTypeUID, Set<ThingUID>> byType = new ConcurrentHashMap<>();
    private final Map<String, Set<ThingUID>> byTag = new ConcurrentHashMap<>();
    private final Map<Long, Set<ThingUID>> byCell = new ConcurrentHashMap<>();
    private final Map<ThingStatus, Set<ThingUID>> byStatus = new EnumMap<>(ThingStatus.class);
    private final Map<String, Map<ThingStatus, AtomicInteger>> countsByBinding = new ConcurrentHashMap<>();

    ThingIndex() {
        for (ThingStatus status : ThingStatus.values()) {
            byStatus.put(status, ConcurrentHashMap.newKeySet());
        }
    }

    /** Records that a definition replaced another ({@code null} for none on either side). */
    void replace(@Nullable Thing before, @Nullable Thing after) {
        if (before != null) {
            unindex(before);
        }
        if (after != null) {
            ordered.add(after.uid());
            index(after);
        } else if (before != null) {
            ordered.remove(before.uid());
            forgetStatus(before.uid());
        }
    }

    private synchronized void forgetStatus(ThingUID uid) {
        byStatus.forEach((status, uids) -> {
            if (uids.remove(uid)) {
                count(uid, status, -1);
            }
        });
    }

    private void index(Thing thing) {
        ThingUID uid = thing.uid();
        if (thing.department() != null) {
            add(byDepartment, thing.department(), uid);
        }
        add(byType, thing.thingTypeUID(), uid);
        thing.tags().forEach(tag -> add(byTag, tag, uid));
        if (thing.location() != null) {
            add(byCell, cell(thing.location()), uid);
        }
    }

    private void unindex(Thing thing) {
        ThingUID uid = thing.uid();
        if (thing.department() != null) {
            remove(byDepartment, thing.department(), uid);
        }
        remove(byType, thing.thingTypeUID(), uid);
        thing.tags().forEach(tag -> remove(byTag, tag, uid));
        if (thing.location() != null) {
            remove(byCell, cell(thing.location()), uid);
        }
    }

    /** Records the thing's current status; one status change at a time, so that a thing has one status here. */
    synchronized void statusIs(ThingUID uid, ThingStatus status) {
        if (!ordered.contains(uid)) {
            return; // a thing's last status events may follow its removal
        }
        byStatus.forEach((each, uids) -> {
            if (each == status ? uids.add(uid) : uids.remove(uid)) {
                count(uid, each, each == status ? 1 : -1);
            }
        });
    }

    private void count(ThingUID uid, ThingStatus status, int change) {
        countsByBinding.computeIfAbsent(uid.bindingId(), binding -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, any -> new AtomicInteger()).addAndGet(change);
    }

    /** How many things of each binding have each status; bindings and statuses without things are left out. */
    Map<String, Map<ThingStatus, Integer>> countByBindingAndStatus() {
        Map<String, Map<ThingStatus, Integer>> counts = new TreeMap<>();
        countsByBinding.forEach((binding, byItsStatus) -> byItsStatus.forEach((status, count) -> {
            if (count.get() > 0) {
                counts.computeIfAbsent(binding, any -> new EnumMap<>(ThingStatus.class)).put(status, count.get());
            }
        }));
        return counts;
    }

    /** How many things have each status. */
    Map<ThingStatus, Integer> countByStatus() {
        Map<ThingStatus, Integer> counts = new EnumMap<>(ThingStatus.class);
        byStatus.forEach((status, uids) -> {
            if (!uids.isEmpty()) {
                counts.put(status, uids.size());
            }
        });
        return counts;
    }

    /**
     * One page of the UIDs, in UID order, of the things the query and {@code visible} admit, and their number.
     *
     * @param things each UID's thing, null if it is gone
     * @param statuses each UID's status now
     */
    Found find(ThingQuery query, Predicate<Thing> visible, int offset, int limit,
            Function<ThingUID, @Nullable Thing> things, Function<ThingUID, ThingStatus> statuses) {
        if (query.equals(ThingQuery.ALL) && visible == ThingRegistry.EVERY_THING) {
            return new Found(ordered.stream().skip(offset).limit(limit).toList(), ordered.size());
        }
        List<ThingUID> all = find(query, visible, things, statuses);
        return new Found(all.stream().skip(offset).limit(limit).toList(), all.size());
    }

    /**
     * A page of things found and how many were found in all.
     *
     * @param page the page's UIDs
     * @param total how many things were found
     */
    record Found(List<ThingUID> page, int total) {
    }

    private List<ThingUID> find(ThingQuery query, Predicate<Thing> visible, Function<ThingUID, @Nullable Thing> things,
            Function<ThingUID, ThingStatus> statuses) {
        Predicate<ThingUID> matches = uid -> {
            Thing thing = things.apply(uid);
            return thing != null && query.matches(thing, statuses.apply(uid)) && visible.test(thing);
        };
        Collection<ThingUID> candidates = fewestCandidates(query);
        if (candidates == null) {
            return ordered.stream().filter(matches).toList();
        }
        return candidates.stream().filter(matches).sorted(UID_ORDER).toList();
    }

    /** The smallest set of things the query's indexed criteria allow; null if it sets none. */
    private @Nullable Collection<ThingUID> fewestCandidates(ThingQuery query) {
        List<Collection<ThingUID>> sets = new ArrayList<>();
        if (query.department() != null) {
            sets.add(byDepartment.getOrDefault(query.department(), Set.of()));
        }
        if (query.bindingId() != null) {
            List<ThingUID> ofBinding = new ArrayList<>();
            byType.forEach((type, uids) -> {
                if (type.bindingId().equals(query.bindingId())) {
                    ofBinding.addAll(uids);
                }
            });
            sets.add(ofBinding);
        }
        if (query.thingTypeUID() != null) {
            sets.add(byType.getOrDefault(query.thingTypeUID(), Set.of()));
        }
        if (query.status() != null) {
            sets.add(byStatus.get(query.status()));
        }
        if (query.tag() != null) {
            sets.add(byTag.getOrDefault(query.tag(), Set.of()));
        }
        if (query.boundingBox() != null) {
            Collection<ThingUID> inCells = inCells(query.boundingBox());
            if (inCells != null) {
                sets.add(inCells);
            }
        }
        return sets.stream().min(Comparator.comparingInt(Collection::size)).orElse(null);
    }

    /** The things in the cells the box covers; null if it covers too many to look up one by one. */
    private @Nullable Collection<ThingUID> inCells(BoundingBox box) {
        long south = Math.round(Math.floor(box.minLat() * CELLS_PER_DEGREE));
        long north = Math.round(Math.floor(box.maxLat() * CELLS_PER_DEGREE));
        long west = Math.round(Math.floor(box.minLon() * CELLS_PER_DEGREE));
        long east = Math.round(Math.floor(box.maxLon() * CELLS_PER_DEGREE));
        if ((north - south + 1) * (east - west + 1) > MOST_CELLS) {
            return null;
        }
        List<ThingUID> inside = new ArrayList<>();
        for (long lat = south; lat <= north; lat++) {
            for (long lon = west; lon <= east; lon++) {
                inside.addAll(byCell.getOrDefault(cellKey(lat, lon), Set.of()));
            }
        }
        return inside;
    }

    private static long cell(Location at) {
        return cellKey(Math.round(Math.floor(at.lat() * CELLS_PER_DEGREE)),
                Math.round(Math.floor(at.lon() * CELLS_PER_DEGREE)));
    }

    private static long cellKey(long lat, long lon) {
        return (lat + 1_000) * 10_000 + lon + 2_000;
    }

    /** Adds to the key's set; called on the lifecycle thread only, like {@link #remove}. */
    private static <K> void add(Map<K, Set<ThingUID>> index, K key, ThingUID uid) {
        index.computeIfAbsent(key, any -> ConcurrentHashMap.newKeySet()).add(uid);
    }

    private static <K> void remove(Map<K, Set<ThingUID>> index, K key, ThingUID uid) {
        index.computeIfPresent(key, (any, uids) -> {
            uids.remove(uid);
            return uids.isEmpty() ? null : uids;
        });
    }
}
