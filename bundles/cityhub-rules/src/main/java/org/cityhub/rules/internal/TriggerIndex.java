package org.cityhub.rules.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityhub.api.thing.ThingUID;

/**
 * The live rules' triggers by what they watch, so that an event costs a map lookup however many rules there are,
 * never a scan of them all; and every rule by the things it names, so that a change of a thing re-checks only the
 * rules that name it. Immutable: a rule change builds a new index.
 *
 * @param byChannel the triggers on a channel's states or events, by channel UID
 * @param byThing the triggers on a thing's status, by thing UID
 * @param cityEvents the triggers on city events
 * @param rulesByThing every rule (live or not) naming a thing, by thing UID
 */
record TriggerIndex(Map<String, List<Watch>> byChannel, Map<String, List<Watch>> byThing, List<Watch> cityEvents,
        Map<String, Set<String>> rulesByThing) {

    private static final String THINGS = "cityhub/things/";
    private static final String CHANNELS = "channels/";
    private static final String CITY = "cityhub/city/";

    static final TriggerIndex EMPTY = of(List.of());

    /** A trigger of a rule. */
    record Watch(RuleRuntime rule, Trigger trigger) {
    }

    static TriggerIndex of(Collection<RuleRuntime> rules) {
        Map<String, List<Watch>> byChannel = new HashMap<>();
        Map<String, List<Watch>> byThing = new HashMap<>();
        List<Watch> cityEvents = new ArrayList<>();
        Map<String, Set<String>> rulesByThing = new HashMap<>();
        for (RuleRuntime rule : rules) {
            for (ThingUID thing : rule.rule().things()) {
                rulesByThing.computeIfAbsent(thing.toString(), key -> new HashSet<>()).add(rule.id());
            }
            if (!rule.live()) {
                continue;
            }
            for (Trigger trigger : rule.rule().triggers()) {
                Watch watch = new Watch(rule, trigger);
                if (trigger instanceof Trigger.Changed changed) {
                    byChannel.computeIfAbsent(changed.channel().toString(), key -> new ArrayList<>()).add(watch);
                } else if (trigger instanceof Trigger.Threshold threshold) {
                    byChannel.computeIfAbsent(threshold.channel().toString(), key -> new ArrayList<>()).add(watch);
                } else if (trigger instanceof Trigger.ChannelEvent event) {
                    byChannel.computeIfAbsent(event.channel().toString(), key -> new ArrayList<>()).add(watch);
                } else if (trigger instanceof Trigger.Status status) {
                    byThing.computeIfAbsent(status.thing().toString(), key -> new ArrayList<>()).add(watch);
                } else if (trigger instanceof Trigger.CityEvent) {
                    cityEvents.add(watch);
                }
            }
        }
        return new TriggerIndex(Map.copyOf(byChannel), Map.copyOf(byThing), List.copyOf(cityEvents),
                Map.copyOf(rulesByThing));
    }

    /** Whether an event's topic concerns any rule: cheap enough to be asked on the publisher's thread. */
    boolean relevant(String topic) {
        if (topic.startsWith(CITY)) {
            return !cityEvents.isEmpty();
        }
        if (!topic.startsWith(THINGS)) {
            return true; // grants: they may change what rules may run
        }
        int end = topic.indexOf('/', THINGS.length());
        if (end < 0) {
            return false;
        }
        String thing = topic.substring(THINGS.length(), end);
        String channel = channelOf(topic, end);
        return channel != null ? byChannel.containsKey(thing + ":" + channel) : rulesByThing.containsKey(thing);
    }

    /** The channel a topic names, {@code cityhub/things/{uid}/channels/{channel}/{type}}, or null. */
    static String channelOf(String topic, int thingEnd) {
        if (!topic.startsWith(CHANNELS, thingEnd + 1)) {
            return null;
        }
        int start = thingEnd + 1 + CHANNELS.length();
        int end = topic.indexOf('/', start);
        return end < 0 ? null : topic.substring(start, end);
    }
}
