package org.cityhub.rules.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Consumer;

import org.cityhub.api.binding.HandlerScheduler;
import org.cityhub.api.event.Event;
import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.State;
import org.cityhub.json.Json;
import org.cityhub.json.StateJson;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Decides which triggers an event or the clock sets off. Events reach it through the index (a lookup by channel or
 * thing), so its cost does not grow with the number of rules; it only remembers and schedules, and hands each
 * firing to the {@link FiringRunner}, never waiting for it.
 */
final class TriggerMatcher {

    private final Consumer<Firing> firings;
    private final HandlerScheduler timers;
    private final ThingRegistry things;
    private final ZoneId zone;
    private final Clock clock;
    private final Runnable memoryChanged;

    /**
     * @param firings where firings go (the {@link FiringRunner}); never waits
     * @param timers the clock and timers of schedules, times of day and holds
     * @param memoryChanged told when a trigger's memory changed, so that it is stored and survives a restart
     */
    TriggerMatcher(Consumer<Firing> firings, HandlerScheduler timers, ThingRegistry things, ZoneId zone,
            Runnable memoryChanged) {
        this.firings = firings;
        this.timers = timers;
        this.things = things;
        this.zone = zone;
        this.clock = timers.clock();
        this.memoryChanged = memoryChanged;
    }

    /** Sets off the triggers the event concerns. */
    void onEvent(Event event, TriggerIndex index) {
        String topic = event.topic();
        if (topic.startsWith("cityhub/city/")) {
            for (TriggerIndex.Watch watch : index.cityEvents()) {
                if (((Trigger.CityEvent) watch.trigger()).topics().matches(topic)) {
                    ObjectNode cause = cause("event").put("topic", topic);
                    cause.set("event", parse(event.payload()));
                    fire(watch, cause);
                }
            }
            return;
        }
        int end = topic.indexOf('/', "cityhub/things/".length());
        if (!topic.startsWith("cityhub/things/") || end < 0) {
            return;
        }
        String thing = topic.substring("cityhub/things/".length(), end);
        String channel = TriggerIndex.channelOf(topic, end);
        if (channel != null) {
            List<TriggerIndex.Watch> watches = index.byChannel().get(thing + ":" + channel);
            if (watches != null) {
                channelEvent(event, watches);
            }
        } else if (event.type().equals("status")) {
            List<TriggerIndex.Watch> watches = index.byThing().get(thing);
            if (watches != null) {
                statusEvent(event, watches);
            }
        }
    }

    private void channelEvent(Event event, List<TriggerIndex.Watch> watches) {
        JsonNode payload = parse(event.payload());
        String at = event.timestamp().toString();
        State state = event.type().equals("state") ? StateJson.parseState(payload.get("state")) : null;
        String fired = event.type().equals("trigger") ? payload.path("event").asText() : null;
        for (TriggerIndex.Watch watch : watches) {
            Trigger trigger = watch.trigger();
            if (state != null && trigger instanceof Trigger.Changed changed) {
                changed(watch.rule(), changed, state, at);
            } else if (state != null && trigger instanceof Trigger.Threshold threshold) {
                threshold(watch.rule(), threshold, state, clock.instant());
            } else if (fired != null && trigger instanceof Trigger.ChannelEvent channelEvent
                    && (channelEvent.event() == null || channelEvent.event().equals(fired))) {
                fire(watch, channelCause("trigger", channelEvent.channel()).put("event", fired).put("at", at));
            }
        }
    }

    private void changed(RuleRuntime rule, Trigger.Changed changed, State state, String at) {
        State previous = rule.exchangeLast(changed.pointer(), state);
        if (previous != null && StateComparison.same(previous, state)) {
            return;
        }
        RuleCheck.Checked checked = rule.checked();
        State wanted = checked == null ? null : checked.states().get(changed.pointer());
        if (wanted == null || StateComparison.same(state, wanted)) {
            fire(new TriggerIndex.Watch(rule, changed), channelCause("changed", changed.channel())
                    .put("value", state.toString()).put("previous", String.valueOf(previous)).put("at", at));
        }
    }

    private void threshold(RuleRuntime rule, Trigger.Threshold threshold, State state, Instant now) {
        String pointer = threshold.pointer();
        RuleRuntime.ThresholdState memory = rule.threshold(pointer);
        if (!(state instanceof NumberValue number)) {
            if (memory.since() != null) { // an unknown value breaks a hold: the rule waits for a real one
                rule.setThreshold(pointer, new RuleRuntime.ThresholdState(null, memory.fired()));
                rule.cancelTimer(pointer);
                memoryChanged.run();
            }
            return;
        }
        if (memory.fired()) {
            if (threshold.back(number.value())) {
                rule.setThreshold(pointer, RuleRuntime.ThresholdState.ARMED);
                memoryChanged.run();
            }
            return;
        }
        if (!threshold.beyond(number.value())) {
            if (memory.since() != null) {
                rule.setThreshold(pointer, RuleRuntime.ThresholdState.ARMED);
                rule.cancelTimer(pointer);
                memoryChanged.run();
            }
            return;
        }
        if (memory.since() == null) {
            if (threshold.holdFor().isZero()) {
                rule.setThreshold(pointer, new RuleRuntime.ThresholdState(now, true));
                fire(new TriggerIndex.Watch(rule, threshold), thresholdCause(threshold, state, now));
            } else {
                rule.setThreshold(pointer, new RuleRuntime.ThresholdState(now, false));
                scheduleHold(rule, threshold, now);
            }
            memoryChanged.run();
        } else if (!rule.hasTimer(pointer)) { // a hold taken over from before a restart, its value now known
            scheduleHold(rule, threshold, memory.since());
        }
    }

    private void scheduleHold(RuleRuntime rule, Trigger.Threshold threshold, Instant since) {
        Duration delay = Duration.between(clock.instant(), since.plus(threshold.holdFor()));
        rule.setTimer(threshold.pointer(), timers.schedule(() -> holdElapsed(rule, threshold, since),
                delay.isNegative() ? Duration.ZERO : delay));
    }

    /** The value stayed past the limit for the whole hold (any value back would have reset {@code since}). */
    private void holdElapsed(RuleRuntime rule, Trigger.Threshold threshold, Instant since) {
        rule.cancelTimer(threshold.pointer()); // this timer has run
        RuleRuntime.ThresholdState memory = rule.threshold(threshold.pointer());
        if (memory.fired() || !since.equals(memory.since())) {
            return;
        }
        rule.setThreshold(threshold.pointer(), new RuleRuntime.ThresholdState(since, true));
        memoryChanged.run();
        ChannelState current = things.getStates(threshold.channel().thingUID()).get(threshold.channel().channelId());
        fire(new TriggerIndex.Watch(rule, threshold), thresholdCause(threshold, current == null ? null
                : current.state(), since));
    }

    private ObjectNode thresholdCause(Trigger.Threshold threshold, @Nullable State state, Instant since) {
        return channelCause("threshold", threshold.channel()).put("value", String.valueOf(state))
                .put((threshold.above() ? "above" : "below"), threshold.limit().toPlainString())
                .put("since", since.toString());
    }

    private void statusEvent(Event event, List<TriggerIndex.Watch> watches) {
        JsonNode payload = parse(event.payload());
        String status = payload.path("status").path("status").asText();
        String previous = payload.path("previous").path("status").asText();
        if (status.equals(previous)) {
            return;
        }
        for (TriggerIndex.Watch watch : watches) {
            Trigger.Status trigger = (Trigger.Status) watch.trigger();
            if (trigger.to() == null || trigger.to().name().equals(status)) {
                fire(watch, cause("status").put("thingUID", trigger.thing().toString()).put("status", status)
                        .put("previous", previous));
            }
        }
    }

    /** Starts what a rule that became live watches on the clock, and takes up the memory it had. */
    void start(RuleRuntime rule) {
        for (Trigger trigger : rule.rule().triggers()) {
            if (trigger instanceof Trigger.Schedule schedule) {
                startSchedule(rule, schedule);
            } else if (trigger instanceof Trigger.TimeOfDay time) {
                scheduleNext(rule, time.pointer(), time, next(time, ZonedDateTime.ofInstant(clock.instant(), zone)));
            } else if (trigger instanceof Trigger.Changed changed) {
                ChannelState current = things.getStates(changed.channel().thingUID()).get(changed.channel().channelId());
                if (current != null) {
                    rule.exchangeLast(changed.pointer(), current.state());
                }
            } else if (trigger instanceof Trigger.Threshold threshold) {
                resumeHold(rule, threshold);
            }
        }
    }

    /**
     * A hold that was running when the hub stopped goes on, counted from when it began, if the value is still past
     * the limit; if the value is not known yet (its state not restored yet), the first value decides.
     */
    private void resumeHold(RuleRuntime rule, Trigger.Threshold threshold) {
        RuleRuntime.ThresholdState memory = rule.threshold(threshold.pointer());
        if (memory.since() == null || memory.fired()) {
            return;
        }
        ChannelState current = things.getStates(threshold.channel().thingUID()).get(threshold.channel().channelId());
        // a channel listed but never set this run (its state not restored from history yet) is not known either
        boolean known = current != null && current.updated() != null;
        if (known && current.state() instanceof NumberValue number && threshold.beyond(number.value())) {
            scheduleHold(rule, threshold, memory.since());
        } else if (known) {
            rule.setThreshold(threshold.pointer(), RuleRuntime.ThresholdState.ARMED);
            memoryChanged.run();
        }
    }

    private void startSchedule(RuleRuntime rule, Trigger.Schedule schedule) {
        Duration every = schedule.every();
        if (every != null) {
            rule.setTimer(schedule.pointer(), timers.scheduleAtFixedRate(() -> fire(new TriggerIndex.Watch(rule,
                    schedule), cause("schedule").put("every", every.toString())), every, every));
        } else {
            scheduleNext(rule, schedule.pointer(), schedule, schedule.cron().next(ZonedDateTime.ofInstant(clock.instant(), zone)));
        }
    }

    /** Schedules a cron or time-of-day trigger's next firing, which schedules the one after. */
    private void scheduleNext(RuleRuntime rule, String pointer, Trigger trigger, @Nullable ZonedDateTime at) {
        if (at == null) {
            return; // a cron schedule that names no date within years
        }
        Duration delay = Duration.between(clock.instant(), at.toInstant());
        rule.setTimer(pointer, timers.schedule(() -> {
            fire(new TriggerIndex.Watch(rule, trigger), cause(trigger instanceof Trigger.Schedule ? "schedule" : "time")
                    .put("at", at.toString()));
            scheduleNext(rule, pointer, trigger, trigger instanceof Trigger.Schedule schedule
                    ? schedule.cron().next(at) : next((Trigger.TimeOfDay) trigger, at));
        }, delay.isNegative() ? Duration.ZERO : delay));
    }

    private static ZonedDateTime next(Trigger.TimeOfDay time, ZonedDateTime after) {
        ZonedDateTime today = after.with(time.at()).withNano(0);
        return today.isAfter(after) ? today : today.plusDays(1).with(time.at());
    }

    private void fire(TriggerIndex.Watch watch, ObjectNode cause) {
        firings.accept(new Firing(watch.rule(), watch.trigger().pointer(), cause, clock.instant()));
    }

    private static ObjectNode cause(String trigger) {
        return Json.object().put("trigger", trigger);
    }

    private static ObjectNode channelCause(String trigger, ChannelUID channel) {
        return cause(trigger).put("thingUID", channel.thingUID().toString()).put("channel", channel.channelId());
    }

    private static JsonNode parse(String payload) {
        try {
            return Json.parse(payload);
        } catch (java.io.IOException e) {
            return Json.object();
        }
    }
}
