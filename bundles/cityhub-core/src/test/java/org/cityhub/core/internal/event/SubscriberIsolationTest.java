package org.cityhub.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.MissedEvents;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 25, item 1: more subscribers that block for good than there are delivery threads, and one that is merely
 * slow, delay a healthy subscriber by no more than the budget: each is moved to a thread of its own, the shared
 * threads they hold are made up for, and they are given back when the stuck deliveries return.
 */
class SubscriberIsolationTest {

    private static final int EVENTS = 2_000;

    private final DeliveryPool pool = new DeliveryPool(2, Duration.ofMillis(200));
    private final AsyncEventBus bus = AsyncEventBus.inMemory(10_000, 1_000, pool);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        pool.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void fourBlockedSubscribersAndASlowOneHoldUpNoHealthyOne() {
        for (int i = 0; i < 4; i++) {
            bus.subscribe(TopicFilter.of("city/#"), new Recorder(this::blockForGood), SubscriptionOptions.named("stuck-" + i));
        }
        Recorder slow = new Recorder(() -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)));
        bus.subscribe(TopicFilter.of("city/#"), slow, SubscriptionOptions.named("slow"));
        Recorder healthy = new Recorder(() -> { });
        bus.subscribe(TopicFilter.of("city/#"), healthy, SubscriptionOptions.named("healthy"));

        for (int i = 0; i < EVENTS; i++) {
            bus.publish("city/river/level", "state", "{\"level\": " + i + "}", "test", "water");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> healthy.sequences.size() == EVENTS);
        assertThat(healthy.sequences).containsExactlyElementsOf(LongStream.rangeClosed(1, EVENTS).boxed().toList());
        assertThat(healthy.missed).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> slow.sequences.size() == EVENTS);
        assertThat(slow.sequences).isSorted();
        assertThat(bus.subscriptions()).allSatisfy(mailbox -> assertThat(mailbox.isolated())
                .as(mailbox.name()).isEqualTo(!mailbox.name().equals("healthy")));
        assertThat(pool.sharedThreads()).as("two shared threads, and one standing in for each held").isEqualTo(6);

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.sharedThreads() == 2);
    }

    private void blockForGood() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records what it is given, after doing what it was told to do with each event. */
    private static final class Recorder implements EventSubscriber {
        final List<Long> sequences = new CopyOnWriteArrayList<>();
        final List<MissedEvents> missed = new CopyOnWriteArrayList<>();
        private final Runnable work;

        Recorder(Runnable work) {
            this.work = work;
        }

        @Override
        public void onEvent(Event event) {
            work.run();
            sequences.add(event.sequence());
        }

        @Override
        public void onMissed(MissedEvents notice) {
            missed.add(notice);
        }
    }
}
