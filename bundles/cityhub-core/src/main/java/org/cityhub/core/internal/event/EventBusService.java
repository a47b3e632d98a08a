package org.cityhub.core.internal.event;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.cityhub.api.config.ConfigValues;
import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.OverflowPolicy;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;
import org.cityhub.api.metrics.MetricsProvider;
import org.cityhub.api.metrics.MetricsSink;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.core.internal.storage.StateDirectory;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's {@link EventBus} service: an {@link AsyncEventBus} on a small pool of delivery threads, where a
 * subscriber that holds a thread past its budget is moved to a thread of its own.
 */
@Component(service = { EventBus.class, MetricsProvider.class }, immediate = true, configurationPid = "org.cityhub.eventbus")
@Designate(ocd = EventBusService.Config.class)
public final class EventBusService implements EventBus, MetricsProvider {

    /** Typed configuration, PID {@code org.cityhub.eventbus}. */
    @ObjectClassDefinition(name = "CityHub event bus", description = "Queues, replay and delivery threads of the event bus")
    public @interface Config {

        @AttributeDefinition(description = "Events that may wait for one subscriber, unless it asks for another size", min = "1")
        int queueCapacity() default 10_000;

        @AttributeDefinition(description = "What a full subscriber queue drops, unless the subscriber asks otherwise")
        OverflowPolicy overflowPolicy() default OverflowPolicy.DROP_OLDEST;

        @AttributeDefinition(description = "Megabytes one subscriber's queue (an SSE client's, say) may hold, whatever"
                + " the number of events", min = "1")
        int queueMaxMegabytes() default 16;

        @AttributeDefinition(description = "Events kept for subscribers and SSE clients that resume", min = "1")
        int replayCapacity() default 10_000;

        @AttributeDefinition(description = "Megabytes the replay may hold, whatever the number of events", min = "1")
        int replayMaxMegabytes() default 64;

        @AttributeDefinition(description = "Threads that deliver events to subscribers", min = "1")
        int deliveryThreads() default 2;

        @AttributeDefinition(description = "Milliseconds one subscriber may hold a shared delivery thread with one"
                + " run of deliveries; past it, it is moved to a thread of its own", min = "10")
        int subscriberBudgetMillis() default 500;

        @AttributeDefinition(description = "Folder for the sequence high-water mark; empty for ${karaf.base}/state")
        String stateDirectory() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(EventBusService.class);
    private static final String PID = "org.cityhub.eventbus";

    private final DeliveryPool delivery;
    private final AsyncEventBus bus;

    @Activate
    public EventBusService(@Reference DamagedFiles damaged, Config config) {
        this.delivery = new DeliveryPool(ConfigValues.atLeast(PID, "deliveryThreads", config.deliveryThreads(), 1, 2),
                Duration.ofMillis(ConfigValues.atLeast(PID, "subscriberBudgetMillis", config.subscriberBudgetMillis(), 10,
                        500)));
        Path sequenceFile = StateDirectory.resolve(config.stateDirectory()).resolve("event-sequence.json");
        EventBounds bounds = new EventBounds(ConfigValues.atLeast(PID, "queueCapacity", config.queueCapacity(), 1, 10_000),
                (long) ConfigValues.atLeast(PID, "queueMaxMegabytes", config.queueMaxMegabytes(), 1, 16) << 20,
                ConfigValues.atLeast(PID, "replayCapacity", config.replayCapacity(), 1, 10_000),
                (long) ConfigValues.atLeast(PID, "replayMaxMegabytes", config.replayMaxMegabytes(), 1, 64) << 20);
        this.bus = new AsyncEventBus(bounds, config.overflowPolicy(), delivery,
                new FileSequenceStore(sequenceFile, damaged, Clock.systemUTC()), Clock.systemUTC());
        LOG.info("event bus started: events numbered after {}", bus.lastSequence());
    }

    /** Stops delivery: the component's deactivation, public for harnesses that run the bus outside OSGi. */
    @Deactivate
    public void stop() throws InterruptedException {
        delivery.shutdown(Duration.ofSeconds(5));
    }

    @Override
    public Event publish(String topic, String type, String payload, String source, @Nullable String department) {
        return bus.publish(topic, type, payload, source, department);
    }

    @Override
    public Subscription subscribe(TopicFilter filter, EventSubscriber subscriber, SubscriptionOptions options) {
        return bus.subscribe(filter, subscriber, options);
    }

    @Override
    public long lastSequence() {
        return bus.lastSequence();
    }

    @Override
    public void collect(MetricsSink sink) {
        sink.counter("cityhub_events_published_total", "Events published since the hub started", Map.of(),
                bus.publishedCount());
        sink.gauge("cityhub_events_publish_rate", "Events published per second over the last 10 s", Map.of(),
                bus.publishRate());
        sink.gauge("cityhub_event_last_sequence", "Sequence number of the last event", Map.of(), bus.lastSequence());
        var subscriptions = bus.subscriptions();
        sink.gauge("cityhub_event_subscribers", "Subscribers on the bus", Map.of(), subscriptions.size());
        sink.gauge("cityhub_bus_shared_threads", "Shared delivery threads, those standing in for threads held by"
                + " overrunning subscribers included", Map.of(), delivery.sharedThreads());
        for (SubscriberMailbox mailbox : subscriptions) {
            Map<String, String> labels = Map.of("subscriber", mailbox.name());
            sink.gauge("cityhub_subscriber_queue_depth", "Events waiting for the subscriber", labels, mailbox.queued());
            sink.counter("cityhub_subscriber_delivered_total", "Events delivered to the subscriber", labels,
                    mailbox.delivered());
            sink.counter("cityhub_subscriber_dropped_total", "Events dropped because the subscriber's queue was full",
                    labels, mailbox.dropped());
            sink.gauge("cityhub_subscriber_isolated", "1 if the subscriber overran its delivery budget and has a"
                    + " thread of its own", labels, mailbox.isolated() ? 1 : 0);
        }
    }
}
