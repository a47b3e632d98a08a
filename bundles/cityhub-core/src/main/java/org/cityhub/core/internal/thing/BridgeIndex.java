package org.cityhub.core.internal.thing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The things that go through each bridge, kept as definitions come and go, so that starting, stopping and
 * following a bridge touches its own things and never scans all of them. Updated on the lifecycle thread, read
 * from any.
 */
final class BridgeIndex {

    private final Map<ThingUID, Set<ThingUID>> children = new ConcurrentHashMap<>();

    /** Records that a definition replaced another ({@code null} for none on either side). */
    void replace(@Nullable Thing before, @Nullable Thing after) {
        ThingUID from = before == null ? null : before.bridgeUID();
        ThingUID to = after == null ? null : after.bridgeUID();
        if (before != null && from != null && !from.equals(to)) {
            children.computeIfPresent(from, (bridge, uids) -> {
                uids.remove(before.uid());
                return uids.isEmpty() ? null : uids;
            });
        }
        if (after != null && to != null) {
            children.computeIfAbsent(to, bridge -> ConcurrentHashMap.newKeySet()).add(after.uid());
        }
    }

    /** The things whose definitions name the bridge. */
    Stream<ThingUID> childrenOf(ThingUID bridge) {
        return children.getOrDefault(bridge, Set.of()).stream();
    }
}
