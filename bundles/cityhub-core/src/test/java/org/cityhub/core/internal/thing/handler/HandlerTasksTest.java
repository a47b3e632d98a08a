package org.cityhub.core.internal.thing.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityhub.api.thing.ThingUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandlerTasksTest {

    private static final ThingUID THING = ThingUID.parse("test:gauge:river");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final ThingStrand strand = new ThingStrand(THING, pool, failures::add);
    private final HandlerTasks tasks = new HandlerTasks(timer, strand, Clock.systemUTC());

    @AfterEach
    void stop() {
        timer.shutdownNow();
        pool.shutdownNow();
    }

    @Test
    void oneShotTasksAreForgottenOnceTheyRan() {
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 10_000; i++) {
            tasks.execute(ran::incrementAndGet);
            tasks.schedule(ran::incrementAndGet, Duration.ofMillis(i % 5));
        }
        tasks.scheduleAtFixedRate(() -> { }, Duration.ofHours(1), Duration.ofHours(1));

        await().atMost(Duration.ofSeconds(20)).until(() -> ran.get() == 20_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> tasks.pending() == 1);
        assertThat(tasks.pending()).as("only the periodic task is remembered").isEqualTo(1);
    }

    @Test
    void aTaskThatThrowsAnErrorFailsItselfButNotTheThingsLaterWork() throws Exception {
        CountDownLatch later = new CountDownLatch(1);
        strand.execute(() -> {
            throw new StackOverflowError("binding code recursed");
        });
        strand.execute(() -> {
            throw new AssertionError("binding code asserted");
        });
        strand.execute(later::countDown);

        assertThat(later.await(10, TimeUnit.SECONDS)).as("the strand keeps running").isTrue();
        assertThat(failures).extracting(Throwable::getMessage).containsExactly("binding code recursed",
                "binding code asserted");
        assertThat(strand.submit(() -> {
            throw new NoSuchFieldError("gone");
        })).failsWithin(Duration.ofSeconds(10));
    }
}
