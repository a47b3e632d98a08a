package org.cityhub.binding.mqtt.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttTopic;

/**
 * Who listens to which topic filter on one broker connection. Messages are matched by a map lookup for plain
 * topics and by MQTT's wildcard rules only for filters with {@code +} or {@code #}, so a thousand devices on their
 * own topics cost one lookup per message.
 *
 * <p>While {@linkplain #hold() holding} (after connecting with a persistent session, whose queued messages the
 * broker sends at once, before the devices behind the connection have started and subscribed), a message no one
 * listens to is kept and handed, in order, to the first subscription made for it.
 */
final class Subscriptions {

    /** The most messages held; more are dropped and counted. */
    static final int MAX_HELD = 10_000;

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
    private final Deque<Message> held = new ArrayDeque<>();
    private volatile boolean holding;
    private int overflow;

    private record Message(String topic, byte[] payload) {
    }

    /** Adds a subscription; returns whether it is the first for its filter (so the broker must be told). */
    synchronized boolean add(Subscription subscription) {
        List<Subscription> same = byFilter.computeIfAbsent(subscription.filter(), f -> new CopyOnWriteArrayList<>());
        same.add(subscription);
        if (isWildcard(subscription.filter())) {
            wildcards.add(subscription);
        }
        for (Iterator<Message> waiting = held.iterator(); waiting.hasNext();) {
            Message message = waiting.next();
            if (MqttTopic.isMatched(subscription.filter(), message.topic())) {
                waiting.remove();
                subscription.listener().message(message.topic(), message.payload());
            }
        }
        return same.size() == 1;
    }

    /** Keeps the messages no one listens to, until {@link #release()}. */
    synchronized void hold() {
        holding = true;
    }

    /** Stops holding; returns how many held messages no subscription took (they are dropped). */
    synchronized int release() {
        holding = false;
        int unclaimed = held.size() + overflow;
        held.clear();
        overflow = 0;
        return unclaimed;
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

    /** Hands a message to every listener whose filter matches its topic (or holds it, while holding). */
    void dispatch(String topic, byte[] payload) {
        if (holding) {
            dispatchOrHold(topic, payload);
        } else {
            deliver(topic, payload);
        }
    }

    /** Serialised with {@link #add}, so that a held message never overtakes or follows a newer one wrongly. */
    private synchronized void dispatchOrHold(String topic, byte[] payload) {
        if (!deliver(topic, payload) && holding) {
            if (held.size() < MAX_HELD) {
                held.add(new Message(topic, payload));
            } else {
                overflow++;
            }
        }
    }

    private boolean deliver(String topic, byte[] payload) {
        boolean delivered = false;
        List<Subscription> exact = byFilter.get(topic);
        if (exact != null) {
            for (Subscription subscription : exact) {
                if (!isWildcard(subscription.filter())) {
                    subscription.listener().message(topic, payload);
                    delivered = true;
                }
            }
        }
        for (Subscription subscription : wildcards) {
            if (MqttTopic.isMatched(subscription.filter(), topic)) {
                subscription.listener().message(topic, payload);
                delivered = true;
            }
        }
        return delivered;
    }

    private static boolean isWildcard(String filter) {
        return filter.contains("+") || filter.contains("#");
    }
}
