package org.cityhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void groupsSamplesUnderOneHeaderAndEscapesLabels() {
        PrometheusText text = new PrometheusText();
        text.gauge("cityhub_subscriber_queue_depth", "Events waiting", Map.of("subscriber", "sse \"a\"\\b"), 3);
        text.counter("cityhub_events_published_total", "Published", Map.of(), 12);
        text.gauge("cityhub_subscriber_queue_depth", "Events waiting", Map.of("subscriber", "console"), 0.5);

        assertThat(text.text()).isEqualTo("""
                # HELP cityhub_subscriber_queue_depth Events waiting
                # TYPE cityhub_subscriber_queue_depth gauge
                cityhub_subscriber_queue_depth{subscriber="sse \\"a\\"\\\\b"} 3
                cityhub_subscriber_queue_depth{subscriber="console"} 0.5
                # HELP cityhub_events_published_total Published
                # TYPE cityhub_events_published_total counter
                cityhub_events_published_total 12
                """);
    }
}
