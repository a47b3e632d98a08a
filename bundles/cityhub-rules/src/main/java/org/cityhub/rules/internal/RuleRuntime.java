package org.cityhub.rules.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import org.cityhub.api.binding.HandlerScheduler;
import org.cityhub.api.rules.RuleInfo;
import org.cityhub.api.rules.RuleStatus;
import org.cityhub.api.types.State;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One loaded rule and how it fares: whether it may run (and why not), its counters, its triggers' memory (the last
 * state a {@code changed} trigger saw, when a threshold was first passed), its rate limit, and the firing in flight.
 * Every method is synchronized: the bus's delivery thread, the timers and the firing threads all touch it.
 */
final class RuleRuntime {

    /** A threshold trigger's memory: since when the value is past the limit, and whether it fired for it. */
    record ThresholdState(@Nullable Instant since, boolean fired) {
        static final ThresholdState ARMED = new ThresholdState(null, false);
    }

    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    /** Firings that may wait while one runs; more are skipped (counted). */
    static final int MAX_PENDING = 64;

    /** What becomes of a firing offered to the rule. */
    enum Admission {
        /** It runs now, on the caller's behalf. */
        START,
        /** It waits for the firing that runs, in order. */
        QUEUED,
        /** It does not run: the rule is not live, blocked, over its rate or too far behind (counted). */
        REFUSED
    }

    private final Rule rule;
    private final String source;
    private final RuleCheck.@Nullable Checked checked;
    private final String refusal;
    private final Map<String, State> lastStates = new HashMap<>();
    private final Map<String, ThresholdState> thresholds = new HashMap<>();
    private final ArrayDeque<Instant> recentFirings = new ArrayDeque<>();
    private final ArrayDeque<Firing> pending = new ArrayDeque<>();
    private final Map<String, HandlerScheduler.ScheduledTask> timers = new HashMap<>();
    private boolean enabled;
    private String fileProblem = "";
    private String lastError = "";
    private boolean lastFailed;
    private boolean blocked;
    private String blockedWhy = "";
    private boolean running;
    private @Nullable Instant lastFired;
    private long fired;
    private long failed;
    private long throttled;
    private long skipped;

    /** A rule that passed its check and may run. */
    RuleRuntime(RuleCheck.Checked checked, String source, boolean enabled) {
        this(checked.rule(), source, checked, "", enabled);
    }

    /** A rule refused by its check, with the reason; it is checked again when what it names changes. */
    RuleRuntime(Rule rule, String source, String refusal, boolean enabled) {
        this(rule, source, null, refusal, enabled);
    }

    private RuleRuntime(Rule rule, String source, RuleCheck.@Nullable Checked checked, String refusal,
            boolean enabled) {
        this.rule = rule;
        this.source = source;
        this.checked = checked;
        this.refusal = refusal;
        this.enabled = enabled;
    }

    Rule rule() {
        return rule;
    }

    String id() {
        return rule.id();
    }

    String source() {
        return source;
    }

    /** The checked rule, or null if it was refused. */
    RuleCheck.@Nullable Checked checked() {
        return checked;
    }

    /** Why the check refused the rule; empty if it passed. */
    String refusal() {
        return refusal;
    }

    /** Whether its triggers are watched: checked and enabled. */
    synchronized boolean live() {
        return checked != null && enabled;
    }

    synchronized boolean enabled() {
        return enabled;
    }

    synchronized void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    synchronized void setFileProblem(String problem) {
        this.fileProblem = problem;
    }

    /** Carries the memory of another runtime of the same rule over, for the triggers both have. */
    synchronized void inherit(RuleRuntime previous) {
        synchronized (previous) {
            previous.thresholds.forEach((pointer, state) -> {
                if (sameTrigger(previous, pointer)) {
                    thresholds.put(pointer, state);
                }
            });
            lastFired = previous.lastFired;
            fired = previous.fired;
            failed = previous.failed;
            throttled = previous.throttled;
            skipped = previous.skipped;
        }
    }

    private boolean sameTrigger(RuleRuntime previous, String pointer) {
        return previous.rule.triggers().stream().filter(t -> t.pointer().equals(pointer)).findFirst()
                .equals(rule.triggers().stream().filter(t -> t.pointer().equals(pointer)).findFirst());
    }

    /** The last state a trigger saw; remembers the new one. */
    synchronized @Nullable State exchangeLast(String pointer, State state) {
        return lastStates.put(pointer, state);
    }

    synchronized ThresholdState threshold(String pointer) {
        return thresholds.getOrDefault(pointer, ThresholdState.ARMED);
    }

    synchronized void setThreshold(String pointer, ThresholdState state) {
        thresholds.put(pointer, state);
    }

    synchronized Map<String, ThresholdState> thresholds() {
        return Map.copyOf(thresholds);
    }

    /** Keeps a timer of a trigger, cancelling the one it replaces. */
    synchronized void setTimer(String key, HandlerScheduler.ScheduledTask timer) {
        HandlerScheduler.ScheduledTask previous = timers.put(key, timer);
        if (previous != null) {
            previous.cancel();
        }
    }

    synchronized boolean hasTimer(String key) {
        return timers.containsKey(key);
    }

    synchronized void cancelTimer(String key) {
        HandlerScheduler.ScheduledTask timer = timers.remove(key);
        if (timer != null) {
            timer.cancel();
        }
    }

    /** Stops its timers: the rule is replaced, removed or switched off. */
    synchronized void stop() {
        timers.values().forEach(HandlerScheduler.ScheduledTask::cancel);
        timers.clear();
    }

    /**
     * Offers a firing: it starts if none runs, waits in order behind the one that runs, or is refused: the rule is
     * not live, is blocked or has too many waiting (skipped, counted), or is over its rate (throttled, counted).
     */
    synchronized Admission offer(Firing firing) {
        if (!live()) {
            return Admission.REFUSED;
        }
        if (blocked || running && pending.size() >= MAX_PENDING) {
            skipped++;
            return Admission.REFUSED;
        }
        Instant now = firing.at();
        while (!recentFirings.isEmpty() && !recentFirings.peekFirst().isAfter(now.minus(RATE_WINDOW))) {
            recentFirings.pollFirst();
        }
        if (recentFirings.size() >= rule.maxFiringsPerMinute()) {
            throttled++;
            return Admission.REFUSED;
        }
        recentFirings.addLast(now);
        if (running) {
            pending.addLast(firing);
            return Admission.QUEUED;
        }
        running = true;
        return Admission.START;
    }

    /** The next waiting firing, or null when none waits (the rule is then idle); a blocked rule skips them all. */
    synchronized Firing next() {
        if (blocked) {
            skipped += pending.size();
            pending.clear();
        }
        Firing next = pending.pollFirst();
        running = next != null;
        return next;
    }

    /** A firing ended: its actions ran (fired) or its conditions did not hold; with the first failure, if any. */
    synchronized void finished(Instant when, boolean actionsRan, @Nullable String failure) {
        if (actionsRan) {
            fired++;
            lastFired = when;
        }
        lastFailed = failure != null;
        if (failure != null) {
            failed++;
            lastError = failure;
        }
    }

    /** An action ran past its budget and was abandoned; until it ends, the rule skips its firings. */
    synchronized void setBlocked(boolean blocked, String why) {
        this.blocked = blocked;
        this.blockedWhy = why;
    }

    synchronized RuleInfo info() {
        RuleStatus status;
        String message;
        if (!enabled) {
            status = RuleStatus.DISABLED;
            message = "";
        } else if (checked == null) {
            status = RuleStatus.REFUSED;
            message = refusal;
        } else if (blocked) {
            status = RuleStatus.BLOCKED;
            message = blockedWhy;
        } else if (lastFailed) {
            status = RuleStatus.FAILING;
            message = lastError;
        } else {
            status = RuleStatus.ACTIVE;
            message = "";
        }
        if (!fileProblem.isEmpty()) {
            message = message.isEmpty() ? fileProblem : message + "; " + fileProblem;
        }
        return new RuleInfo(rule.id(), rule.department(), rule.label(), source, rule.definition(), status, message,
                lastFired, fired, failed, throttled, skipped);
    }
}
