package org.cityhub.core.internal.thing;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ConfigParameter;
import org.cityhub.api.thing.ParameterType;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.types.ItemType;
import org.cityhub.core.internal.thing.type.ThingTypeSource;

/** What the thing manager's tests and those of the definition sources share: a gauge type, a bus, fixed types. */
public final class ThingFixtures {

    private static final ThingTypeUID GAUGE = new ThingTypeUID("test", "gauge");

    private ThingFixtures() {
    }

    public static final ThingType GAUGE_TYPE = new ThingType(GAUGE, "Gauge", "", false, List.of(),
            List.of(new ConfigParameter("depth", ParameterType.INTEGER, "Depth", "", false, new BigDecimal("3"),
                    BigDecimal.ONE, null, null, List.of())),
            List.of(new ChannelDefinition("level", "Level", ItemType.NUMBER, "cm", true, ChannelKind.STATE),
                    new ChannelDefinition("pump", "Pump", ItemType.ONOFF, null, false, ChannelKind.STATE),
                    new ChannelDefinition("alarm", "Alarm", ItemType.TEXT, null, false, ChannelKind.TRIGGER)));

    public static ThingManager.Config config(int timeoutSeconds) {
        return new ThingManager.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ThingManager.Config.class;
            }

            @Override
            public int handlerTimeoutSeconds() {
                return timeoutSeconds;
            }

            @Override
            public int stateEventsPerSecond() {
                return 50;
            }

            @Override
            public int maxTextStateKilobytes() {
                return 64;
            }
        };
    }

    public static final class MapTypes implements ThingTypeSource {
        private final Map<ThingTypeUID, ThingType> types = new ConcurrentHashMap<>();
        private final LongAdder lookups = new LongAdder();

        public void put(ThingType type) {
            types.put(type.uid(), type);
        }

        /** How many times a type was looked up: the work a test counts instead of timing it. */
        public long lookups() {
            return lookups.sum();
        }

        @Override
        public Optional<ThingType> get(ThingTypeUID uid) {
            lookups.increment();
            return Optional.ofNullable(types.get(uid));
        }

        @Override
        public Collection<ThingType> getAll() {
            return types.values();
        }

        @Override
        public void addListener(Runnable listener) {
            // types are fixed in these tests
        }

        @Override
        public void removeListener(Runnable listener) {
            // types are fixed in these tests
        }
    }

    public static final class RecordingBus implements EventBus {
        public final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public Event publish(String topic, String type, String payload, String source, String department) {
            Event event = new Event(events.size() + 1, topic, type, payload, source, java.time.Instant.now(), department);
            events.add(event);
            return event;
        }

        @Override
        public Subscription subscribe(TopicFilter filter, EventSubscriber subscriber, SubscriptionOptions options) {
            throw new UnsupportedOperationException("the thing manager does not subscribe");
        }

        @Override
        public long lastSequence() {
            return events.size();
        }

        public List<String> types() {
            return events.stream().map(Event::type).toList();
        }

        public int count(String type) {
            return (int) events.stream().filter(e -> e.type().equals(type)).count();
        }
    }
}
