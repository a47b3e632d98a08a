package org.cityhub.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cityhub.api.event.TopicFilter;
import org.junit.jupiter.api.Test;

class TopicIndexTest {

    private static final List<String> PATTERNS = List.of("#", "cityhub/#", "cityhub/things/+/status",
            "cityhub/things/+/channels/+/state", "cityhub/things/a:b:c/channels/pm25/state", "cityhub/+",
            "cityhub/things/+/channels/#", "+/+", "+", "cityhub/bindings/+/installed", "other/#");
    private static final List<String> TOPICS = List.of("cityhub", "cityhub/", "cityhub/things/a:b:c/status",
            "cityhub/things/a:b:c/channels/pm25/state", "cityhub/things/a:b:c/channels/pm10/state",
            "cityhub/bindings/mqtt/installed", "other", "other/x/y", "x/y", "x", "cityhub/things");

    @Test
    void findsExactlyWhatTheFiltersMatch() {
        TopicIndex<String> index = new TopicIndex<>();
        PATTERNS.forEach(p -> index.add(p, p));

        for (String topic : TOPICS) {
            List<String> found = new ArrayList<>();
            index.match(topic, found::add);
            List<String> expected = PATTERNS.stream().filter(p -> TopicFilter.of(p).matches(topic)).toList();
            assertThat(found).as(topic).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void agreesWithTheFiltersOnRandomTopicsAndForgetsRemovedPatterns() {
        Random random = new Random(42);
        String[] segments = { "cityhub", "things", "a:b:c", "channels", "pm25", "state", "" };
        TopicIndex<String> index = new TopicIndex<>();
        PATTERNS.forEach(p -> index.add(p, p));
        index.remove("cityhub/#", "cityhub/#");
        List<String> remaining = PATTERNS.stream().filter(p -> !p.equals("cityhub/#")).toList();

        for (int i = 0; i < 2_000; i++) {
            StringBuilder topic = new StringBuilder(segments[random.nextInt(segments.length - 1)]);
            for (int depth = random.nextInt(6); depth > 0; depth--) {
                topic.append('/').append(segments[random.nextInt(segments.length)]);
            }
            List<String> found = new ArrayList<>();
            index.match(topic.toString(), found::add);
            List<String> expected = remaining.stream().filter(p -> TopicFilter.of(p).matches(topic.toString())).toList();
            assertThat(found).as(topic.toString()).containsExactlyInAnyOrderElementsOf(expected);
        }
        remaining.forEach(p -> index.remove(p, p));
        assertThat(index.isEmpty()).isTrue();
    }
}
