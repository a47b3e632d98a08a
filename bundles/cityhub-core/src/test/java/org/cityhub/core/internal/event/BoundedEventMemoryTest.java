package org.cityhub.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.MissedEvents;
import org.cityhub.api.event.OverflowPolicy;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 4: the replay ring and a stuck subscriber's queue are bounded by bytes as well as by count, so
 * that a binding publishing the largest states the hub keeps cannot fill the heap. Without the byte bounds the
 * ring and the queue of this test would hold 10,000 events of 64 KiB each, over a gigabyte.
 */
class BoundedEventMemoryTest {

    private static final int EVENTS = 20_000;
    private static final int PAYLOAD_CHARACTERS = 64 * 1024;

    private final DeliveryPool pool = new DeliveryPool(2, Duration.ofSeconds(1));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        pool.shutdown(Duration.ZERO);
    }

    @Test
    void largeEventsStayWithinTheByteBoundsOfTheReplayAndOfAStuckSubscriber() {
        EventBounds bounds = new EventBounds(10_000, 8L << 20, 10_000, 16L << 20);
        AsyncEventBus bus = new AsyncEventBus(bounds, OverflowPolicy.DROP_OLDEST, pool, new SequenceStore.InMemory(),
                Clock.systemUTC());
        AtomicLong missed = new AtomicLong();
        Subscription stuck = bus.subscribe(TopicFilter.ALL, new EventSubscriber() {
            @Override
            public void onEvent(Event event) {
                try {
                    release.await(); // a client that stopped reading
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onMissed(MissedEvents notice) {
                missed.addAndGet(notice.count());
            }
        }, SubscriptionOptions.named("stuck"));
        long before = usedHeapAfterGc();

        String filler = "x".repeat(PAYLOAD_CHARACTERS - 16);
        for (int i = 0; i < EVENTS; i++) {
            // a new string each time, as a device's reports are: nothing is shared between the events
            bus.publish("cityhub/things/test:big:t" + (i % 10) + "/channels/text/state", "state",
                    String.format("%016d", i) + filler.substring(0, filler.length() - (i % 7)), "test");
        }

        long retained = usedHeapAfterGc() - before;
        assertThat(stuck.queued()).as("events queued for the stuck subscriber").isLessThan(70);
        // besides the queue, the batch being delivered: at most 1 MiB, 16 events of this size
        assertThat(stuck.dropped()).isGreaterThan(EVENTS - 100);
        assertThat(bus.replayBytes()).as("bytes kept for replay").isBetween(15L << 20, 16L << 20);
        assertThat(retained).as("heap retained after publishing %d MiB", (long) EVENTS * PAYLOAD_CHARACTERS >> 20)
                .isLessThan(96L << 20);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
