package org.cityhub.core.internal.event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Subscribers indexed by their topic patterns in a trie over topic segments, so that finding who matches a
 * topic costs the topic's depth and the number of wildcard branches, not the number of subscribers. Not
 * thread-safe: the bus calls it under its publish lock.
 *
 * @param <T> what is stored per pattern
 */
final class TopicIndex<T> {

    private final Node<T> root = new Node<>();

    void add(String pattern, T value) {
        Node<T> node = root;
        for (String segment : pattern.split("/", -1)) {
            node = node.children.computeIfAbsent(segment, s -> new Node<>());
        }
        node.values.add(value);
    }

    void remove(String pattern, T value) {
        remove(root, pattern.split("/", -1), 0, value);
    }

    /** Passes every value whose pattern matches the topic to the sink; a value with several matching patterns is passed once per pattern. */
    void match(String topic, Consumer<T> sink) {
        match(root, topic, 0, sink);
    }

    boolean isEmpty() {
        return root.children.isEmpty();
    }

    private static <T> void match(Node<T> node, String topic, int from, Consumer<T> sink) {
        Node<T> rest = node.children.get("#");
        if (rest != null) {
            rest.values.forEach(sink);
        }
        if (from > topic.length()) {
            node.values.forEach(sink);
            return;
        }
        int end = topic.indexOf('/', from);
        if (end < 0) {
            end = topic.length();
        }
        Node<T> exact = node.children.get(topic.substring(from, end));
        if (exact != null) {
            match(exact, topic, end + 1, sink);
        }
        Node<T> any = node.children.get("+");
        if (any != null) {
            match(any, topic, end + 1, sink);
        }
    }

    private static <T> boolean remove(Node<T> node, String[] segments, int index, T value) {
        if (index == segments.length) {
            node.values.remove(value);
        } else {
            Node<T> child = node.children.get(segments[index]);
            if (child != null && remove(child, segments, index + 1, value)) {
                node.children.remove(segments[index]);
            }
        }
        return node.values.isEmpty() && node.children.isEmpty();
    }

    private static final class Node<T> {
        final Map<String, Node<T>> children = new HashMap<>();
        final List<T> values = new ArrayList<>(1);
    }
}
