package org.cityhub.federation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.federation.RemoteThing;
import org.cityhub.api.federation.RemoteThings;
import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.json.StateJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The other hubs' records, applied to this hub's remote things: heartbeats to the table of hubs, views and events to
 * the things. Another hub's things turn {@code HUB_OFFLINE} when its heartbeats stop, keeping their last states, and
 * take their statuses back when it returns. Called on the inbound thread only.
 */
final class RemoteCity {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteCity.class);
    /** How far a view's state may be ahead of the events before it stands in for events that will not come. */
    private static final Duration EVENTS_LATE = Duration.ofSeconds(5);

    private final RemoteThings remote;
    private final ThingRegistry registry;
    private final HubTable hubs;
    private final Map<ThingUID, Known> known = new HashMap<>();
    private final Map<String, Long> lagByHub = new ConcurrentHashMap<>();

    /** Another hub's thing as its records said last: its status, and when that was said. */
    private record Known(String hub, ThingStatusInfo status, Instant at) {
    }

    RemoteCity(RemoteThings remote, ThingRegistry registry, HubTable hubs) {
        this.remote = remote;
        this.registry = registry;
        this.hubs = hubs;
    }

    /** How long the hub's last record took to come here, in ms; -1 before its first. */
    long lag(String hub) {
        return lagByHub.getOrDefault(hub, -1L);
    }

    /** A record of another hub: heartbeat, view or event. */
    void take(JsonNode node, boolean live) {
        String hub = node.path("hub").asText();
        Instant sent = Records.instant(node.path("sent"));
        if (sent != null) {
            lagByHub.put(hub, Math.max(0, Duration.between(sent, Instant.now()).toMillis()));
        }
        switch (node.path("kind").asText()) {
            case "hub" -> heartbeat(node);
            case "thing" -> view(node, live);
            case "state", "status" -> event(node);
            default -> throw new IllegalArgumentException("a record of kind '" + node.path("kind").asText()
                    + "' is not read here");
        }
    }

    /** A thing's tombstone: it is gone from its hub, or no longer shared. */
    void forget(ThingUID uid) {
        if (known.remove(uid) != null) {
            remote.remove(uid);
        }
    }

    /** Turns the things of hubs whose heartbeats stopped {@code OFFLINE / HUB_OFFLINE}. */
    void checkHubs() {
        for (HubTable.Hub away : hubs.lapsed()) {
            LOG.warn("Federation: {}; its things are OFFLINE / HUB_OFFLINE until it returns", hubs.whyAway(away.id()));
            ThingStatusInfo offline = offline(away.id());
            remote.of(away.id()).forEach(uid -> remote.status(uid, offline));
        }
    }

    private void heartbeat(JsonNode node) {
        String hub = node.path("hub").asText();
        boolean back = hubs.heard(hub, node.path("instance").asText(), Records.instant(node.path("started")),
                Records.instant(node.path("sent")), node.path("state").asText().equals("stopped"),
                node.path("things").asInt());
        if (back) {
            LOG.info("Federation: hub {} is alive", hub);
            known.forEach((uid, last) -> {
                if (last.hub().equals(hub)) {
                    remote.status(uid, last.status());
                }
            });
        }
    }

    /**
     * A thing's whole view. While catching up it sets everything; once live, its states stand in only for events
     * that did not come ({@link #missedStates}).
     */
    private void view(JsonNode node, boolean live) {
        RemoteThing thing = Records.parseThing(node);
        ThingUID uid = thing.thing().uid();
        Instant at = Records.instant(node.path("sent"));
        Known before = known.get(uid);
        ThingStatusInfo status = thing.status();
        if (before != null && at != null && before.at().isAfter(at)) {
            status = before.status(); // a status event newer than this view came first
        } else {
            known.put(uid, new Known(thing.hub(), status, at == null ? Instant.now() : at));
        }
        ThingStatusInfo shown = hubs.alive(thing.hub()) ? status : offline(thing.hub());
        try {
            remote.put(new RemoteThing(thing.hub(), thing.thing(), thing.type(), shown,
                    live ? missedStates(uid, thing.states()) : thing.states()));
        } catch (IllegalStateException e) {
            LOG.warn("Federation: {}", e.getMessage());
        }
    }

    /**
     * The states of a view that events have not brought: for channels without a state here, or with one older than
     * the view's by more than {@link #EVENTS_LATE}. Once running, events bring states in order; a view, which may
     * overtake events still on their way (another topic), must not take a channel past them, or those events would
     * be dropped as old. Only when events are missing (dropped at their hub while Kafka was away) does the view's
     * state stand in for them.
     */
    private Map<String, ChannelState> missedStates(ThingUID uid, Map<String, ChannelState> viewed) {
        Map<String, ChannelState> here = registry.getStates(uid);
        Map<String, ChannelState> missed = new HashMap<>();
        viewed.forEach((channel, state) -> {
            ChannelState held = here.get(channel);
            if (held == null || held.updated() == null || state.updated() != null
                    && state.updated().isAfter(held.updated().plus(EVENTS_LATE))) {
                missed.put(channel, state);
            }
        });
        return missed;
    }

    private void event(JsonNode node) {
        ThingUID uid = ThingUID.parse(node.path("thingUID").asText());
        String hub = node.path("hub").asText();
        if (node.path("kind").asText().equals("state")) {
            JsonNode state = node.path("state");
            Instant updated = Records.instant(state.path("updated"));
            if (updated != null) {
                remote.state(new ChannelUID(uid, node.path("channel").asText()), StateJson.parseState(state), updated);
            }
            return;
        }
        Instant at = Records.instant(node.path("sent"));
        Known before = known.get(uid);
        if (at == null || before != null && before.at().isAfter(at)) {
            return;
        }
        ThingStatusInfo status = Records.parseStatus(node.path("status"));
        known.put(uid, new Known(hub, status, at));
        if (hubs.alive(hub)) {
            remote.status(uid, status);
        }
    }

    private ThingStatusInfo offline(String hub) {
        return ThingStatusInfo.of(ThingStatus.OFFLINE, ThingStatusDetail.HUB_OFFLINE, hubs.whyAway(hub));
    }
}
