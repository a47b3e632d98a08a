package org.cityhub.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.MissedEvents;
import org.cityhub.api.event.OverflowPolicy;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncEventBusTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final DeliveryPool pool = new DeliveryPool(2, Duration.ofSeconds(1));

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdown(Duration.ZERO);
    }

    @Test
    void deliversOnlyMatchingEventsInSequenceOrderUnderConcurrentPublishers() throws Exception {
        AsyncEventBus bus = bus(100_000, 10);
        Recorder things = new Recorder();
        bus.subscribe(TopicFilter.of("things/#"), things, SubscriptionOptions.named("things"));
        int perPublisher = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService publishers = Executors.newFixedThreadPool(4);
        List<Future<?>> publishing = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            String topic = p % 2 == 0 ? "things/" + p : "other/" + p;
            publishing.add(publishers.submit(() -> {
                awaitLatch(start);
                for (int i = 0; i < perPublisher; i++) {
                    bus.publish(topic, "t", "{}", "test");
                }
            }));
        }
        start.countDown();
        publishers.shutdown();
        for (Future<?> publisher : publishing) {
            publisher.get(30, TimeUnit.SECONDS); // a publisher's failure fails the test
        }

        await().atMost(PATIENCE).until(() -> things.events.size() == 2 * perPublisher);
        assertThat(things.events).allMatch(e -> e.topic().startsWith("things/"));
        assertThat(things.sequences()).isSorted().doesNotHaveDuplicates();
        assertThat(bus.lastSequence()).isEqualTo(4L * perPublisher);
    }

    @Test
    void aFullQueueDropsTheOldestAndTellsTheSubscriberWhatItMissed() throws Exception {
        AsyncEventBus bus = bus(3, 100);
        CountDownLatch release = new CountDownLatch(1);
        Recorder slow = blockedUntil(release);
        Subscription subscription = bus.subscribe(TopicFilter.ALL, slow, SubscriptionOptions.named("slow"));
        bus.publish("a", "t", "{}", "test"); // taken by the delivery thread, which blocks on it
        await().atMost(PATIENCE).until(() -> subscription.queued() == 0);
        for (int i = 0; i < 6; i++) {
            bus.publish("a", "t", "{}", "test"); // sequences 2..7; the queue keeps the last 3
        }
        release.countDown();

        await().atMost(PATIENCE).until(() -> slow.events.size() == 4);
        assertThat(slow.sequences()).containsExactly(1L, 5L, 6L, 7L);
        assertThat(slow.missed).containsExactly(new MissedEvents(2, 4, 3));
        assertThat(slow.log).containsExactly("event 1", "missed 2..4", "event 5", "event 6", "event 7");
        assertThat(subscription.dropped()).isEqualTo(3);
        assertThat(subscription.delivered()).isEqualTo(4);
    }

    @Test
    void aStuckSubscriberNeverHoldsUpAnotherOrThePublisher() {
        AsyncEventBus bus = bus(10, 100);
        CountDownLatch never = new CountDownLatch(1);
        bus.subscribe(TopicFilter.ALL, event -> awaitLatch(never), SubscriptionOptions.named("stuck"));
        Recorder healthy = new Recorder();
        bus.subscribe(TopicFilter.ALL, healthy, SubscriptionOptions.named("healthy"));

        for (int i = 0; i < 1_000; i++) {
            bus.publish("a", "t", "{}", "test");
        }

        await().atMost(PATIENCE).until(() -> healthy.events.size() + healthy.missedCount() >= 1_000);
        assertThat(healthy.sequences()).isSorted();
        never.countDown();
    }

    @Test
    void aSubscriberThatThrowsKeepsReceiving() {
        AsyncEventBus bus = bus(100, 100);
        Recorder recorder = new Recorder();
        bus.subscribe(TopicFilter.ALL, event -> {
            recorder.onEvent(event);
            throw new IllegalStateException("boom");
        }, SubscriptionOptions.named("thrower"));

        bus.publish("a", "t", "{}", "test");
        bus.publish("a", "t", "{}", "test");

        await().atMost(PATIENCE).until(() -> recorder.events.size() == 2);
    }

    @Test
    void resumingReplaysWhatTheRingHoldsAfterTheGivenSequence() {
        AsyncEventBus bus = bus(100, 5);
        for (int i = 1; i <= 8; i++) {
            bus.publish(i % 2 == 0 ? "even" : "odd", "t", "{}", "test");
        }
        Recorder inRing = new Recorder();
        bus.subscribe(TopicFilter.of("even"), inRing, SubscriptionOptions.named("r").resumingAfter(5));
        Recorder fellOut = new Recorder();
        bus.subscribe(TopicFilter.ALL, fellOut, SubscriptionOptions.named("f").resumingAfter(1));
        bus.publish("even", "t", "{}", "test");

        await().atMost(PATIENCE).until(() -> inRing.events.size() == 3 && fellOut.events.size() == 6);
        assertThat(inRing.sequences()).containsExactly(6L, 8L, 9L);
        assertThat(inRing.missed).isEmpty();
        assertThat(fellOut.sequences()).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(fellOut.missed).containsExactly(new MissedEvents(2, 3, 2));
    }

    @Test
    void eventsTheSubscriberRefusesNeitherFillItsQueueNorCountAsMissed() throws Exception {
        AsyncEventBus bus = bus(3, 100);
        CountDownLatch release = new CountDownLatch(1);
        Recorder water = blockedUntil(release);
        Subscription subscription = bus.subscribe(TopicFilter.ALL, water, SubscriptionOptions.named("water")
                .accepting(event -> "water".equals(event.department())));
        bus.publish("things/gauge", "t", "{}", "test", "water"); // taken by the delivery thread, which blocks on it
        await().atMost(PATIENCE).until(() -> subscription.queued() == 0);
        for (int i = 0; i < 50; i++) {
            bus.publish("things/lamp", "t", "{}", "test", "lighting"); // far more than the queue of 3 holds
        }
        bus.publish("things/gauge", "t", "{}", "test", "water");
        release.countDown();

        await().atMost(PATIENCE).until(() -> water.events.size() == 2);
        assertThat(water.sequences()).containsExactly(1L, 52L);
        assertThat(water.missed).isEmpty();
        assertThat(subscription.dropped()).isZero();
    }

    @Test
    void replayLeavesOutWhatTheSubscriberRefuses() {
        AsyncEventBus bus = bus(100, 100);
        for (int i = 1; i <= 6; i++) {
            bus.publish("things/t" + i, "t", "{}", "test", i % 2 == 0 ? "water" : "lighting");
        }
        Recorder water = new Recorder();
        bus.subscribe(TopicFilter.ALL, water, SubscriptionOptions.named("water").resumingAfter(0)
                .accepting(event -> "water".equals(event.department())));
        bus.publish("things/t7", "t", "{}", "test", "water");

        await().atMost(PATIENCE).until(() -> water.events.size() == 4);
        assertThat(water.sequences()).containsExactly(2L, 4L, 6L, 7L);
    }

    @Test
    void aPredicateThatThrowsRefusesThatEventAndStopsNoPublisherNorOtherSubscriber() {
        AsyncEventBus bus = bus(100, 100);
        Recorder picky = new Recorder();
        bus.subscribe(TopicFilter.ALL, picky, SubscriptionOptions.named("picky").accepting(event -> {
            if (event.department() == null) {
                throw new IllegalStateException("no department");
            }
            return true;
        }));
        Recorder everything = new Recorder();
        bus.subscribe(TopicFilter.ALL, everything, SubscriptionOptions.named("everything"));

        bus.publish("a", "t", "{}", "test");
        bus.publish("b", "t", "{}", "test", "water");

        await().atMost(PATIENCE).until(() -> everything.events.size() == 2 && picky.events.size() == 1);
        assertThat(picky.sequences()).containsExactly(2L);
    }

    @Test
    void aSequenceThisHubNeverIssuedGetsAMissedNoticeAndNoReplay() {
        AsyncEventBus bus = bus(100, 5);
        bus.publish("a", "t", "{}", "test");
        Recorder recorder = new Recorder();
        bus.subscribe(TopicFilter.ALL, recorder, SubscriptionOptions.named("r").resumingAfter(500));
        bus.publish("a", "t", "{}", "test");

        await().atMost(PATIENCE).until(() -> recorder.events.size() == 1);
        assertThat(recorder.sequences()).containsExactly(2L);
        assertThat(recorder.missed).containsExactly(new MissedEvents(501, 501, 0));
    }

    @Test
    void sequenceNumbersKeepIncreasingAcrossRestarts(@TempDir Path state) {
        long before = onFile(state.resolve("event-sequence.json"), new DamagedFiles()).publish("a", "t", "{}", "test")
                .sequence();

        long after = onFile(state.resolve("event-sequence.json"), new DamagedFiles()).publish("a", "t", "{}", "test")
                .sequence();

        assertThat(after).isGreaterThan(before + AsyncEventBus.RESERVATION_BLOCK - 1);
    }

    @Test
    void aDamagedSequenceFileIsSetAsideAndNumbersStillNeverGoBack(@TempDir Path state) throws Exception {
        Path file = state.resolve("event-sequence.json");
        long before = onFile(file, new DamagedFiles()).publish("a", "t", "{}", "test").sequence();
        Files.writeString(file, "{\"schemaVersion\": 1, \"reservedUp");
        DamagedFiles damaged = new DamagedFiles();

        long after = onFile(file, damaged).publish("a", "t", "{}", "test").sequence();

        assertThat(after).isGreaterThan(before);
        assertThat(damaged.damages()).singleElement().satisfies(damage -> {
            assertThat(damage.setAside()).exists().isNotEqualTo(file);
            assertThat(damage.lost()).contains("numbering continues from");
        });
        assertThat(damaged.check().degraded()).isTrue();
        assertThat(damaged.check().ready()).isTrue();
    }

    @Test
    void aSequenceThatCannotBeWrittenStopsNoPublisher(@TempDir Path state) throws Exception {
        Path notAFolder = Files.writeString(state.resolve("plain-file"), "x");
        DamagedFiles damaged = new DamagedFiles();
        AsyncEventBus bus = onFile(notAFolder.resolve("event-sequence.json"), damaged);

        long first = bus.publish("a", "t", "{}", "test").sequence();
        long second = bus.publish("a", "t", "{}", "test").sequence();

        assertThat(second).isEqualTo(first + 1);
        assertThat(damaged.damages()).singleElement().satisfies(damage ->
                assertThat(damage.problem()).startsWith("cannot be written"));
        // a restart takes far longer than the millisecond in which a thousand numbers fit
        Clock restarted = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1));
        long afterRestart = new AsyncEventBus(10, OverflowPolicy.DROP_OLDEST, 10, pool, new FileSequenceStore(
                notAFolder.resolve("event-sequence.json"), new DamagedFiles(), restarted), restarted)
                .publish("a", "t", "{}", "test").sequence();
        assertThat(afterRestart).as("the clock's floor, without the mark").isGreaterThan(second);
    }

    private AsyncEventBus onFile(Path file, DamagedFiles damaged) {
        return new AsyncEventBus(10, OverflowPolicy.DROP_OLDEST, 10, pool, new FileSequenceStore(file, damaged,
                Clock.systemUTC()), Clock.systemUTC());
    }

    @Test
    void dropNewestKeepsTheQueuedRunAndReportsTheRejectedEvents() throws Exception {
        AsyncEventBus bus = bus(100, 100);
        CountDownLatch release = new CountDownLatch(1);
        Recorder slow = blockedUntil(release);
        Subscription subscription = bus.subscribe(TopicFilter.ALL, slow,
                SubscriptionOptions.named("recorder").withQueue(2, OverflowPolicy.DROP_NEWEST));
        bus.publish("a", "t", "{}", "test");
        await().atMost(PATIENCE).until(() -> subscription.queued() == 0);
        for (int i = 0; i < 5; i++) {
            bus.publish("a", "t", "{}", "test"); // 2 and 3 are kept, 4..6 rejected
        }
        release.countDown();

        await().atMost(PATIENCE).until(() -> slow.events.size() == 3 && slow.missed.size() == 1);
        assertThat(slow.sequences()).containsExactly(1L, 2L, 3L);
        assertThat(slow.missed).containsExactly(new MissedEvents(4, 6, 3));
        assertThat(slow.log).containsExactly("event 1", "event 2", "event 3", "missed 4..6");
    }

    @Test
    void anEventMatchingSeveralPatternsOfOneSubscriberIsDeliveredOnce() {
        AsyncEventBus bus = bus(100, 100);
        Recorder recorder = new Recorder();
        bus.subscribe(TopicFilter.of("cityhub/#", "cityhub/things/+/status", "cityhub/things/x:y:z/status"), recorder,
                SubscriptionOptions.named("overlapping"));

        bus.publish("cityhub/things/x:y:z/status", "status", "{}", "test");
        bus.publish("elsewhere", "t", "{}", "test");
        bus.publish("cityhub", "t", "{}", "test");

        await().atMost(PATIENCE).until(() -> recorder.events.size() == 2);
        assertThat(recorder.sequences()).containsExactly(1L, 3L);
    }

    @Test
    void closingStopsDeliveryAndWildcardTopicsAreRefused() {
        AsyncEventBus bus = bus(100, 5);
        Recorder recorder = new Recorder();
        Recorder witness = new Recorder();
        bus.subscribe(TopicFilter.ALL, witness, SubscriptionOptions.named("witness"));
        Subscription closed = bus.subscribe(TopicFilter.ALL, recorder, SubscriptionOptions.named("r"));
        closed.close();
        bus.publish("a", "t", "{}", "test");

        // offering happens within publish: an event offered to the closed subscription would be queued or delivered
        assertThat(closed.queued() + closed.delivered()).isZero();
        await().atMost(PATIENCE).until(() -> witness.events.size() == 1);
        assertThat(bus.subscriptions()).extracting(SubscriberMailbox::name).containsExactly("witness");
        assertThat(recorder.events).isEmpty();
        assertThatThrownBy(() -> bus.publish("a/+", "t", "{}", "test")).hasMessageContaining("must not contain");
    }

    private AsyncEventBus bus(int queueCapacity, int replayCapacity) {
        return AsyncEventBus.inMemory(queueCapacity, replayCapacity, pool);
    }

    /** A recorder whose every delivery waits for the latch: a subscriber that is slow on demand. */
    private static Recorder blockedUntil(CountDownLatch release) {
        return new Recorder() {
            @Override
            public void onEvent(Event event) {
                awaitLatch(release);
                super.onEvent(event);
            }
        };
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static class Recorder implements EventSubscriber {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<MissedEvents> missed = new CopyOnWriteArrayList<>();
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(Event event) {
            events.add(event);
            log.add("event " + event.sequence());
        }

        @Override
        public void onMissed(MissedEvents notice) {
            missed.add(notice);
            log.add("missed " + notice.from() + ".." + notice.to());
        }

        List<Long> sequences() {
            return events.stream().map(Event::sequence).toList();
        }

        long missedCount() {
            return missed.stream().mapToLong(MissedEvents::count).sum();
        }
    }
}
