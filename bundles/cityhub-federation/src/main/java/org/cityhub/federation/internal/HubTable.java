package org.cityhub.federation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jdt.annotation.Nullable;

/**
 * The other hubs as their heartbeats show them: alive while a heartbeat came within the offline time, away
 * otherwise (or at once when one stopped cleanly). The federation marks an away hub's things {@code HUB_OFFLINE}.
 */
final class HubTable {

    /** One hub as last heard of. */
    record Hub(String id, String instance, Instant started, Instant lastHeard, boolean stopped, int things,
            boolean alive) {
    }

    private final Map<String, Hub> hubs = new ConcurrentHashMap<>();
    private final Duration offlineAfter;
    private final Clock clock;

    HubTable(Duration offlineAfter, Clock clock) {
        this.offlineAfter = offlineAfter;
        this.clock = clock;
    }

    /**
     * Takes a heartbeat.
     *
     * @return whether the hub came back (or appeared) alive with it
     */
    boolean heard(String id, String instance, Instant started, Instant sent, boolean stopped, int things) {
        boolean alive = !stopped && recent(sent);
        Hub before = hubs.put(id, new Hub(id, instance, started, sent, stopped, things, alive));
        return alive && (before == null || !before.alive());
    }

    /** The hubs that were alive and are no longer: their last heartbeat is too old. Each is returned once. */
    List<Hub> lapsed() {
        return hubs.values().stream().filter(hub -> hub.alive() && !recent(hub.lastHeard())).map(hub -> {
            Hub away = new Hub(hub.id(), hub.instance(), hub.started(), hub.lastHeard(), hub.stopped(), hub.things(),
                    false);
            hubs.put(hub.id(), away);
            return away;
        }).toList();
    }

    boolean alive(String id) {
        Hub hub = hubs.get(id);
        return hub != null && hub.alive();
    }

    Optional<Hub> get(String id) {
        return Optional.ofNullable(hubs.get(id));
    }

    Collection<Hub> all() {
        return List.copyOf(hubs.values());
    }

    /** Why a hub's things are offline, for their status message. */
    String whyAway(String id) {
        Hub hub = hubs.get(id);
        if (hub == null) {
            return "hub " + id + " has not been heard of";
        }
        return hub.stopped() ? "hub " + id + " stopped at " + hub.lastHeard()
                : "hub " + id + " last heard of at " + hub.lastHeard() + ", over " + offlineAfter.toSeconds()
                        + " s ago";
    }

    private boolean recent(@Nullable Instant sent) {
        return sent != null && !sent.plus(offlineAfter).isBefore(clock.instant());
    }
}
