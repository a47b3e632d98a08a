package org.cityhub.rules.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.cityhub.api.event.EventBus;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs firings off the bus: checks the rule's conditions, then carries out its actions in order, each on a thread of
 * its own within the time budget. An action that fails is reported and the next runs; one that outlives its budget
 * is abandoned (interrupted) and the rule is {@code BLOCKED}, skipping its firings, until that thread ends. Whatever
 * a rule does, it marks only itself. Each firing whose conditions held is published as
 * {@code cityhub/rules/{id}/fired} with what started it and what each action did.
 */
final class FiringRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FiringRunner.class);

    private final ExecutorService threads;
    private final Performer actions;
    private final ThingRegistry things;
    private final EventBus bus;
    private final Duration budget;
    private final ZoneId zone;
    private final Clock clock;
    final LongAdder started = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder conditionsUnmet = new LongAdder();
    final LongAdder actionsFailed = new LongAdder();
    final LongAdder actionsAbandoned = new LongAdder();

    /** What carries out an action: the {@link ActionPerformer}. */
    @FunctionalInterface
    interface Performer {
        String perform(Firing firing, Action action) throws ActionPerformer.ActionFailed, InterruptedException;
    }

    FiringRunner(ExecutorService threads, Performer actions, ThingRegistry things, EventBus bus, Duration budget,
            ZoneId zone, Clock clock) {
        this.threads = threads;
        this.actions = actions;
        this.things = things;
        this.bus = bus;
        this.budget = budget;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * Starts the firing if the rule lets it, or leaves it waiting behind the rule's running firing (the thread that
     * runs that one runs it next); never waits.
     */
    void start(Firing firing) {
        RuleRuntime.Admission admission = firing.rule().offer(firing);
        if (admission == RuleRuntime.Admission.REFUSED) {
            return;
        }
        started.increment();
        if (admission == RuleRuntime.Admission.START) {
            threads.execute(() -> runInTurn(firing));
        }
    }

    /** Runs the firing, then those of the same rule that waited behind it, in order. */
    private void runInTurn(Firing first) {
        for (Firing firing = first; firing != null; firing = firing.rule().next()) {
            run(firing);
        }
    }

    private void run(Firing firing) {
        RuleRuntime rule = firing.rule();
        RuleCheck.Checked checked = rule.checked();
        try {
            if (checked == null || !conditionsHold(checked, firing)) {
                conditionsUnmet.increment();
                rule.finished(clock.instant(), false, null);
                return;
            }
            ArrayNode done = Json.array();
            String failure = null;
            boolean abandoned = false;
            for (Action action : checked.rule().actions()) {
                ObjectNode outcome = done.addObject().put("action", action.pointer());
                if (abandoned) {
                    outcome.put("skipped", "an earlier action was abandoned");
                    continue;
                }
                try {
                    outcome.put("did", runWithinBudget(rule, action, firing));
                } catch (ActionPerformer.ActionFailed e) {
                    actionsFailed.increment();
                    abandoned = e instanceof Abandoned;
                    outcome.put("failed", e.getMessage());
                    failure = failure != null ? failure : "action " + action.pointer() + ": " + e.getMessage();
                }
            }
            rule.finished(clock.instant(), true, failure);
            publishFired(firing, done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rule.finished(clock.instant(), false, "interrupted: the hub is stopping");
        } catch (RuntimeException e) {
            LOG.warn("rule {} failed", rule.id(), e);
            rule.finished(clock.instant(), true, "failed: " + e);
        } finally {
            completed.increment();
        }
    }

    private boolean conditionsHold(RuleCheck.Checked checked, Firing firing) {
        ZonedDateTime now = ZonedDateTime.ofInstant(firing.at(), zone);
        return checked.rule().conditions().stream()
                .allMatch(condition -> ConditionCheck.evaluate(checked, condition, things, now).holds());
    }

    /** Runs one action on a thread of its own; past the budget it is interrupted and the rule blocked until it ends. */
    private String runWithinBudget(RuleRuntime rule, Action action, Firing firing)
            throws ActionPerformer.ActionFailed, InterruptedException {
        AtomicBoolean abandoned = new AtomicBoolean();
        AtomicBoolean begun = new AtomicBoolean();
        Callable<String> task = () -> {
            begun.set(true);
            try {
                return actions.perform(firing, action);
            } finally {
                if (abandoned.get()) {
                    rule.setBlocked(false, "");
                }
            }
        };
        Future<String> result = threads.submit(task);
        try {
            return result.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String why = "action " + action.pointer() + " took longer than its budget of " + budget.toMillis()
                    + " ms and was abandoned; the rule skips its firings until it ends";
            rule.setBlocked(true, why);
            abandoned.set(true);
            boolean cancelled = result.cancel(true);
            if (!cancelled || !begun.get()) {
                rule.setBlocked(false, ""); // it ended as it was abandoned, or never began and never will
            }
            actionsAbandoned.increment();
            throw new Abandoned("took longer than " + budget.toMillis() + " ms; abandoned");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ActionPerformer.ActionFailed failed) {
                throw failed;
            }
            throw new ActionPerformer.ActionFailed(String.valueOf(cause));
        }
    }

    /** An action abandoned past its budget: the firing's other actions are skipped. */
    private static final class Abandoned extends ActionPerformer.ActionFailed {
        private static final long serialVersionUID = 1L;

        Abandoned(String message) {
            super(message);
        }
    }

    private void publishFired(Firing firing, ArrayNode done) {
        Rule rule = firing.rule().rule();
        ObjectNode payload = Json.object().put("rule", rule.id()).put("department", rule.department())
                .put("trigger", firing.trigger()).put("at", firing.at().toString());
        payload.set("cause", firing.cause());
        payload.set("actions", done);
        bus.publish("cityhub/rules/" + rule.id() + "/fired", "fired", Json.toText(payload), "rule:" + rule.id(),
                rule.department());
    }
}
