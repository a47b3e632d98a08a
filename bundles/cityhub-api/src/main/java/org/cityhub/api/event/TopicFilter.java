package org.cityhub.api.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One or more topic patterns with MQTT's wildcards: {@code +} matches one segment, a final {@code #} matches
 * the rest (including nothing). A topic matches the filter if it matches any pattern.
 *
 * @param patterns the patterns, each {@code /}-separated
 */
public record TopicFilter(List<String> patterns) {

    /** Everything the hub publishes. */
    public static final TopicFilter ALL = new TopicFilter(List.of("#"));

    /** The longest topic pattern accepted. */
    public static final int MAX_LENGTH = 1024;

    /** @throws IllegalArgumentException naming the first invalid pattern and what is wrong with it */
    public TopicFilter {
        if (patterns == null || patterns.isEmpty()) {
            throw new IllegalArgumentException("a topic filter needs at least one pattern");
        }
        patterns = List.copyOf(patterns);
        patterns.forEach(TopicFilter::checkPattern);
    }

    /** A filter of the given patterns. */
    public static TopicFilter of(String... patterns) {
        return new TopicFilter(Arrays.asList(patterns));
    }

    /** Parses a comma-separated list of patterns, as in {@code ?topics=a/+/b,c/#}. */
    public static TopicFilter parse(String commaSeparated) {
        List<String> patterns = new ArrayList<>();
        for (String p : commaSeparated.split(",", -1)) {
            patterns.add(p.trim());
        }
        return new TopicFilter(patterns);
    }

    /** Whether the topic matches one of the patterns. */
    public boolean matches(String topic) {
        for (String pattern : patterns) {
            if (matches(pattern, topic)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String topic) {
        String[] p = pattern.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !p[i].equals("+") && !p[i].equals(t[i])) {
                return false;
            }
        }
        return p.length == t.length;
    }

    private static void checkPattern(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("empty topic pattern");
        }
        if (pattern.chars().anyMatch(Character::isISOControl)) {
            // no topic has them, and a pattern is echoed to people and streams: a newline could forge an SSE frame
            throw new IllegalArgumentException("topic pattern '" + pattern.replaceAll("\\p{Cntrl}", "?")
                    + "' contains control characters");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a topic pattern is at most " + MAX_LENGTH + " characters long");
        }
        String[] segments = pattern.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals("#") && i != segments.length - 1) {
                throw new IllegalArgumentException("topic pattern '" + pattern + "': '#' may only be the last segment");
            }
            if (s.length() > 1 && (s.contains("#") || s.contains("+"))) {
                throw new IllegalArgumentException(
                        "topic pattern '" + pattern + "': '+' and '#' must stand alone as a segment");
            }
        }
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }
}
