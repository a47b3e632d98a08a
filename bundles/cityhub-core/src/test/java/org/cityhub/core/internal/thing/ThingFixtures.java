package org.cityhub.core.internal.thing;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ConfigParameter;
import org.cityhub.api.thing.ParameterType;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.ItemType;
import org.cityhub.core.internal.thing.type.ThingTypeSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

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

    /** A service reference to a binding's factory, as the framework gives the thing manager. */
    @SuppressWarnings("unchecked")
    public static ServiceReference<ThingHandlerFactory> factoryReference(String bundleName) {
        ServiceReference<ThingHandlerFactory> reference = mock(ServiceReference.class);
        Bundle bundle = mock(Bundle.class);
        when(bundle.getSymbolicName()).thenReturn(bundleName);
        when(reference.getBundle()).thenReturn(bundle);
        return reference;
    }

    /**
     * Gauge handlers of a binding that go online once their start gate is open and stop once their stop gate is
     * (an open gate is a latch at zero); it counts the handlers made and disposed for each thing.
     */
    public static final class GatedGauges implements ThingHandlerFactory {
        public final Map<ThingUID, Integer> handlersMade = new ConcurrentHashMap<>();
        public final Map<ThingUID, Integer> disposed = new ConcurrentHashMap<>();
        private final ThingTypeUID type;
        private final CountDownLatch startGate;
        private final CountDownLatch stopGate;

        public GatedGauges(ThingTypeUID type, CountDownLatch startGate, CountDownLatch stopGate) {
            this.type = type;
            this.startGate = startGate;
            this.stopGate = stopGate;
        }

        /** Gauges of the test binding whose start waits for the gate. */
        public static GatedGauges startingAt(CountDownLatch gate) {
            return new GatedGauges(GAUGE, gate, new CountDownLatch(0));
        }

        /** Gauges of the test binding whose stop waits for the gate. */
        public static GatedGauges stoppingAt(CountDownLatch gate) {
            return new GatedGauges(GAUGE, new CountDownLatch(0), gate);
        }

        @Override
        public boolean supportsThingType(ThingTypeUID candidate) {
            return candidate.equals(type);
        }

        @Override
        public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
            handlersMade.merge(thing.uid(), 1, Integer::sum);
            return new BaseThingHandler(thing, callback) {
                @Override
                public void initialize() {
                    if (pass(startGate)) {
                        updateStatus(ThingStatus.ONLINE);
                    }
                }

                @Override
                public void dispose() {
                    pass(stopGate);
                    disposed.merge(thing.uid(), 1, Integer::sum);
                }

                @Override
                public void handleCommand(ChannelUID channel, Command command) {
                    // gauges take no commands here
                }
            };
        }

        private static boolean pass(CountDownLatch gate) {
            try {
                gate.await();
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

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
