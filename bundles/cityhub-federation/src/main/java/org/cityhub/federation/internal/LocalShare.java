package org.cityhub.federation.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.event.OverflowPolicy;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;
import org.cityhub.api.federation.HubIds;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.State;
import org.cityhub.json.Json;
import org.cityhub.json.StateJson;

import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What this hub shares: its own things of the shared departments (never a household's, never another hub's). Their
 * state and status events go to the events topic as they come; each changed thing's whole view goes to the compacted
 * things topic once a second (and every thing's at the start), so a hub that joins late rebuilds the city from it.
 */
final class LocalShare implements EventSubscriber, AutoCloseable {

    private static final TopicFilter THINGS = TopicFilter.of("cityhub/things/#");
    private static final int BUS_QUEUE = 65_536;

    private final FederationSettings settings;
    private final Topics topics;
    private final ThingRegistry registry;
    private final Outbox outbox;
    private final Set<ThingUID> changed = ConcurrentHashMap.newKeySet();
    /** The things whose views are on Kafka now: one that stops being shared gets a tombstone, and only those. */
    private final Set<ThingUID> published = ConcurrentHashMap.newKeySet();
    private final EventBus bus;
    private volatile @Nullable Subscription subscription;

    LocalShare(FederationSettings settings, ThingRegistry registry, EventBus bus, Outbox outbox) {
        this.settings = settings;
        this.topics = new Topics(settings.prefix());
        this.registry = registry;
        this.bus = bus;
        this.outbox = outbox;
    }

    /**
     * Begins to share: follows the things' events and sends every shared thing's view, and a tombstone for each
     * thing this hub left on Kafka before and no longer shares.
     */
    synchronized void start(Set<ThingUID> publishedBefore) {
        if (subscription != null) {
            return;
        }
        published.addAll(publishedBefore);
        changed.addAll(publishedBefore);
        subscription = bus.subscribe(THINGS, this, SubscriptionOptions.named("federation")
                .withQueue(BUS_QUEUE, OverflowPolicy.DROP_NEWEST).accepting(this::local));
        registry.getAll().stream().filter(this::shares).forEach(thing -> changed.add(thing.uid()));
    }

    boolean started() {
        return subscription != null;
    }

    /** Whether a thing of this hub is shared: of a shared department, not a household's. */
    boolean shares(Thing thing) {
        return thing.household() == null && settings.shared().includes(thing.department());
    }

    /** Events of this hub's own things: a remote thing's events came from Kafka and must not go back. */
    private boolean local(Event event) {
        Optional<String> uid = Optional.ofNullable(thingOf(event.topic()));
        return uid.flatMap(text -> registry.getSource(ThingUID.parse(text))).flatMap(HubIds::hubOf).isEmpty();
    }

    @Override
    public void onEvent(Event event) {
        String uid = thingOf(event.topic());
        if (uid == null) {
            return;
        }
        ThingUID thing = ThingUID.parse(uid);
        Optional<Thing> known = registry.get(thing);
        if (known.isEmpty() || !shares(known.get())) {
            if (published.contains(thing)) {
                changed.add(thing);
            }
            return;
        }
        changed.add(thing);
        try {
            JsonNode payload = Json.parse(event.payload());
            if (event.type().equals(EventTopics.TYPE_STATE)) {
                JsonNode state = payload.path("state");
                State value = StateJson.parseState(state);
                Instant updated = Records.instant(state.path("updated"));
                outbox.offer(topics.events(), uid, Records.state(settings.hubId(), new ChannelUID(thing,
                        payload.path("channel").asText()), value, updated == null ? event.timestamp() : updated));
            } else if (event.type().equals(EventTopics.TYPE_STATUS)) {
                outbox.offer(topics.events(), uid, Records.status(settings.hubId(), thing,
                        registry.getStatus(thing)));
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // the hub's own events are well-formed; a thing's view still goes out with the next snapshot
        }
    }

    /** Sends the view of every thing that changed since the last call: its record, or a tombstone if it left. */
    void sendViews() {
        for (ThingUID uid : Set.copyOf(changed)) {
            changed.remove(uid);
            Optional<Thing> thing = registry.get(uid).filter(this::shares)
                    .filter(found -> registry.getSource(uid).flatMap(HubIds::hubOf).isEmpty());
            if (thing.isEmpty()) {
                if (published.remove(uid)) {
                    outbox.offer(topics.things(), uid.toString(), null);
                }
                continue;
            }
            registry.getThingType(uid).ifPresent(type -> {
                published.add(uid);
                outbox.offer(topics.things(), uid.toString(), Records.thing(settings.hubId(), thing.get(), type,
                        registry.getStatus(uid), registry.getStates(uid)));
            });
        }
    }

    /** How many things this hub shares now. */
    int count() {
        return (int) registry.getAll().stream().filter(this::shares)
                .filter(thing -> registry.getSource(thing.uid()).flatMap(HubIds::hubOf).isEmpty()).count();
    }

    private static @Nullable String thingOf(String topic) {
        String[] parts = topic.split("/");
        return parts.length >= 3 && parts[1].equals("things") ? parts[2] : null;
    }

    @Override
    public synchronized void close() {
        Subscription active = subscription;
        if (active != null) {
            active.close();
        }
    }
}
