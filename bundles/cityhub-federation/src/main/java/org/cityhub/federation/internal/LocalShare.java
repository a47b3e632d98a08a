package org.cityhub.federation.internal;

import java.util.Map;
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
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;

import org.eclipse.jdt.annotation.Nullable;


/**
 * What this hub shares: its own things the {@link SharePolicy} shares (never a household's, never another hub's).
 * Their state and status events go to the events topic as they come; each changed thing's whole view goes to the
 * compacted things topic once a second (and every thing's at the start), so a hub that joins late rebuilds the city
 * from it.
 */
final class LocalShare implements EventSubscriber, AutoCloseable {

    private static final TopicFilter THINGS = TopicFilter.of("cityhub/things/#");
    private static final int BUS_QUEUE = 65_536;
    private static final String THINGS_PREFIX = "cityhub/things/";

    private final FederationSettings settings;
    private final Topics topics;
    private final ThingRegistry registry;
    private final Outbox outbox;
    private final Set<ThingUID> changed = ConcurrentHashMap.newKeySet();
    /** The things whose views are on Kafka now: one that stops being shared gets a tombstone, and only those. */
    private final Set<ThingUID> published = ConcurrentHashMap.newKeySet();
    /** Whether each of this hub's things is shared, decided once per definition (the bus's thread asks per event). */
    private final Map<String, Boolean> sharing = new ConcurrentHashMap<>();
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

    /** Whether a thing of this hub is shared, as the settings say. */
    boolean shares(Thing thing) {
        return settings.shared().shares(thing);
    }

    /**
     * Events of this hub's own things: a remote thing's events came from Kafka and must not go back. Asked on the
     * publisher's thread for every thing event, so the common case is cheap: another hub's states come with that
     * hub as their source; only for other events is the thing looked up.
     */
    private boolean local(Event event) {
        if (event.source().startsWith(HubIds.SOURCE_PREFIX)) {
            return false;
        }
        if (event.type().equals(EventTopics.TYPE_STATE)) {
            return true;
        }
        String uid = thingOf(event.topic());
        return uid == null || registry.getSource(ThingUID.parse(uid)).flatMap(HubIds::hubOf).isEmpty();
    }

    @Override
    public void onEvent(Event event) {
        String uid = thingOf(event.topic());
        if (uid == null) {
            return;
        }
        boolean state = event.type().equals(EventTopics.TYPE_STATE);
        boolean status = event.type().equals(EventTopics.TYPE_STATUS);
        if (!state && !status) {
            sharing.remove(uid); // added, updated or removed: whether it is shared is decided again
        }
        ThingUID thing = ThingUID.parse(uid);
        if (!sharing.computeIfAbsent(uid, key -> registry.get(thing).map(this::shares).orElse(false))) {
            if (published.contains(thing)) {
                changed.add(thing);
            }
            return;
        }
        changed.add(thing);
        if (state) {
            outbox.offer(topics.events(), uid, Records.stateOf(settings.hubId(), event.payload()));
        } else if (status) {
            outbox.offer(topics.events(), uid, Records.status(settings.hubId(), thing, registry.getStatus(thing)));
        }
    }

    /**
     * Sends the view of every thing that changed since the last call: its record, or a tombstone if it left. A view
     * the outbox cannot take (Kafka away past the bound) is tried again next time, so every thing's latest view
     * reaches Kafka once it returns, whatever events were dropped meanwhile.
     */
    void sendViews() {
        for (ThingUID uid : Set.copyOf(changed)) {
            changed.remove(uid);
            Optional<Thing> thing = registry.get(uid).filter(this::shares)
                    .filter(found -> registry.getSource(uid).flatMap(HubIds::hubOf).isEmpty());
            Optional<ThingType> type = thing.flatMap(found -> registry.getThingType(uid));
            boolean taken;
            if (type.isEmpty()) {
                taken = !published.contains(uid) || outbox.offer(topics.things(), uid.toString(), null);
                if (taken) {
                    published.remove(uid);
                }
            } else {
                taken = outbox.offer(topics.things(), uid.toString(), Records.thing(settings.hubId(), thing.get(),
                        type.get(), registry.getStatus(uid), registry.getStates(uid)));
                if (taken) {
                    published.add(uid);
                }
            }
            if (!taken) {
                changed.add(uid);
            }
        }
    }

    /** How many things this hub shares now. */
    int count() {
        return (int) registry.getAll().stream().filter(this::shares)
                .filter(thing -> registry.getSource(thing.uid()).flatMap(HubIds::hubOf).isEmpty()).count();
    }

    /** The thing UID in {@code cityhub/things/<uid>/…}, or {@code null} for another topic. */
    private static @Nullable String thingOf(String topic) {
        if (!topic.startsWith(THINGS_PREFIX)) {
            return null;
        }
        int end = topic.indexOf('/', THINGS_PREFIX.length());
        return end < 0 ? topic.substring(THINGS_PREFIX.length()) : topic.substring(THINGS_PREFIX.length(), end);
    }

    @Override
    public synchronized void close() {
        Subscription active = subscription;
        if (active != null) {
            active.close();
        }
    }
}
