package org.cityhub.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.cityhub.api.binding.HandlerScheduler.ScheduledTask;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler(HandlerHarness.START);
    private final List<String> log = new ArrayList<>();

    @Test
    void runsDueTasksInOrderOnTheVirtualClock() {
        scheduler.schedule(() -> log.add("once at 5 s " + seconds()), Duration.ofSeconds(5));
        scheduler.scheduleAtFixedRate(() -> log.add("tick " + seconds()), Duration.ofSeconds(2), Duration.ofSeconds(2));

        scheduler.advance(Duration.ofSeconds(6));

        assertThat(log).containsExactly("tick 2", "tick 4", "once at 5 s 5", "tick 6");
        assertThat(seconds()).isEqualTo(6);
    }

    @Test
    void aCancelledTaskNeverRunsAgain() {
        ScheduledTask tick = scheduler.scheduleAtFixedRate(() -> log.add("tick"), Duration.ZERO, Duration.ofSeconds(1));
        scheduler.runDue();
        tick.cancel();

        scheduler.advance(Duration.ofSeconds(5));

        assertThat(log).containsExactly("tick");
        assertThat(scheduler.pending()).isZero();
    }

    private long seconds() {
        return Duration.between(HandlerHarness.START, scheduler.clock().instant()).toSeconds();
    }
}
