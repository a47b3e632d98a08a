package org.cityhub.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.cityhub.api.event.EventBus;
import org.cityhub.api.rules.RuleInfo;
import org.cityhub.api.rules.RuleStatus;
import org.cityhub.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FiringRunnerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final TestCity city = new TestCity();
    private final EventBus bus = mock(EventBus.class);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
    }

    private RuleRuntime rule(String id, String actions, String conditions, int maxPerMinute) {
        String text = "{\"label\": \"x\", \"department\": \"water\", \"maxFiringsPerMinute\": " + maxPerMinute
                + ", \"triggers\": [{\"type\": \"schedule\", \"every\": \"1m\"}], \"conditions\": [" + conditions
                + "], \"actions\": [" + actions + "]}";
        return new RuleRuntime(RuleCheck.check(RuleParser.parse(id, text), city.things,
                TestCity.audience("water", Set.of(), Set.of())), "managed", true);
    }

    private static final String TWO_EVENTS = "{\"type\": \"event\", \"name\": \"first\"}, {\"type\": \"event\","
            + " \"name\": \"second\"}";

    private FiringRunner runner(FiringRunner.Performer performer) {
        return new FiringRunner(threads, performer, city.things, bus, Duration.ofMillis(200), ZoneId.of("UTC"),
                Clock.systemUTC());
    }

    private static Firing firing(RuleRuntime rule) {
        return new Firing(rule, "/triggers/0", Json.object().put("trigger", "schedule"), Instant.now());
    }

    /** Performs actions, except that the rule "stuck" blocks in its first and ignores interrupts until released. */
    private String perform(Firing firing, Action action) {
        if (firing.rule().id().equals("stuck")) {
            boolean interrupted = false;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted = true; // a handler that cannot be stopped
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return "did " + action.pointer();
    }

    @Test
    void aRuleBlockedForeverMarksOnlyItselfAndSkipsItsFiringsUntilItEnds() {
        FiringRunner runner = runner(this::perform);
        RuleRuntime stuck = rule("stuck", TWO_EVENTS, "", 30);
        RuleRuntime healthy = rule("healthy", TWO_EVENTS, "", 30);

        runner.start(firing(stuck));
        await("the stuck rule is blocked").atMost(PATIENCE).until(() -> stuck.info().status() == RuleStatus.BLOCKED);
        runner.start(firing(stuck));
        runner.start(firing(healthy));

        await("the healthy rule fired").atMost(PATIENCE).until(() -> healthy.info().fired() == 1);
        RuleInfo blocked = stuck.info();
        assertThat(blocked.skipped()).isEqualTo(1);
        assertThat(blocked.message()).contains("/actions/0 took longer than its budget of 200 ms");
        assertThat(healthy.info().status()).isEqualTo(RuleStatus.ACTIVE);
        verify(bus, timeout(PATIENCE.toMillis())).publish(eq("cityhub/rules/stuck/fired"), eq("fired"),
                contains("\"skipped\":\"an earlier action was abandoned\""), eq("rule:stuck"), eq("water"));

        release.countDown();
        await("unblocked once the action ended").atMost(PATIENCE).until(() -> stuck.info().status()
                == RuleStatus.FAILING);
    }

    @Test
    void aFailingActionIsReportedAndTheNextStillRuns() {
        FiringRunner runner = runner((firing, action) -> {
            if (action.pointer().equals("/actions/0")) {
                throw new ActionPerformer.ActionFailed("the lamp refused");
            }
            return "did " + action.pointer();
        });
        RuleRuntime rule = rule("r", TWO_EVENTS, "", 30);

        runner.start(firing(rule));

        verify(bus, timeout(PATIENCE.toMillis())).publish(eq("cityhub/rules/r/fired"), eq("fired"),
                contains("did /actions/1"), anyString(), eq("water"));
        await().atMost(PATIENCE).until(() -> rule.info().status() == RuleStatus.FAILING);
        assertThat(rule.info().message()).isEqualTo("action /actions/0: the lamp refused");
        assertThat(rule.info().failed()).isEqualTo(1);
    }

    @Test
    void conditionsThatDoNotHoldStopTheFiringAndTheRateLimitHoldsAStormBack() {
        AtomicBoolean acted = new AtomicBoolean();
        FiringRunner runner = runner((firing, action) -> {
            acted.set(true);
            return "did";
        });
        city.set(TestCity.GAUGE, "level", TestCity.number("3.1", "m"));
        RuleRuntime unmet = rule("unmet", TWO_EVENTS, "{\"type\": \"state\", \"channel\": \"sim:gauge:river:level\","
                + " \"operator\": \">\", \"value\": 4.5}", 30);
        runner.start(firing(unmet));
        await().atMost(PATIENCE).until(() -> runner.completed.sum() == 1);
        assertThat(acted).isFalse();
        assertThat(unmet.info().fired()).isZero();

        RuleRuntime storm = rule("storm", "{\"type\": \"event\", \"name\": \"again\"}", "", 2);
        for (int i = 0; i < 5; i++) {
            await().atMost(PATIENCE).until(() -> runner.completed.sum() == runner.started.sum());
            runner.start(firing(storm));
        }
        await().atMost(PATIENCE).until(() -> runner.completed.sum() == runner.started.sum());
        assertThat(storm.info().fired()).isEqualTo(2);
        assertThat(storm.info().throttled()).isEqualTo(3);
    }
}
