package org.cityhub.binding.mqtt.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttTopic;

/**
 * Who listens to which topic filter on one broker connection. Messages are matched by a map lookup for plain
 * topics and by MQTT's wildcard rules only for filters with {@code +} or {@code #}, so a thousand devices on their
 * own topics cost one lookup per message.
 */
final class Subscriptions {

    /** Receives the messages of a filter, on the client's thread: must not block. */
    @FunctionalInterface
    interface Listener {
        void message(String topic, byte[] payload);
    }

    /** One listener's interest in a filter. */
    record Subscription(String filter, int qos, Listener listener) {
    }

    private final Map<String, List<Subscription>> byFilter = new ConcurrentHashMap<>();
    private final List<Subscription> wildcards = new CopyOnWriteArrayList<>();

    /** Adds a subscription; returns whether it is the first for its filter (so the broker must be told). */
    synchronized boolean add(Subscription subscription) {
        List<Subscription> same = byFilter.computeIfAbsent(subscription.filter(), f -> new CopyOnWriteArrayList<>());
        same.add(subscription);
        if (isWildcard(subscription.filter())) {
            wildcards.add(subscription);
        }
        return same.size() == 1;
    }

    /** Removes a subscription; returns whether it was the last for its filter (so the broker can forget it). */
    synchronized boolean remove(Subscription subscription) {
        List<Subscription> same = byFilter.get(subscription.filter());
        if (same == null || !same.remove(subscription)) {
            return false;
        }
        wildcards.remove(subscription);
        if (same.isEmpty()) {
            byFilter.remove(subscription.filter());
            return true;
        }
        return false;
    }

    /** Every filter with the highest QoS asked for it: what to subscribe after (re)connecting. */
    synchronized Map<String, Integer> filters() {
        Map<String, Integer> filters = new ConcurrentHashMap<>();
        byFilter.forEach((filter, list) -> filters.put(filter, list.stream().mapToInt(Subscription::qos).max()
                .orElse(0)));
        return filters;
    }

    /** Hands a message to every listener whose filter matches its topic. */
    void dispatch(String topic, byte[] payload) {
        List<Subscription> exact = byFilter.get(topic);
        if (exact != null) {
            for (Subscription subscription : exact) {
                if (!isWildcard(subscription.filter())) {
                    subscription.listener().message(topic, payload);
                }
            }
        }
        for (Subscription subscription : wildcards) {
            if (MqttTopic.isMatched(subscription.filter(), topic)) {
                subscription.listener().message(topic, payload);
            }
        }
    }

    private static boolean isWildcard(String filter) {
        return filter.contains("+") || filter.contains("#");
    }
}
