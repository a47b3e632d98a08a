package org.cityhub.core.internal.thing.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityhub.api.metrics.MetricsSink;
import org.junit.jupiter.api.Test;

class BindingErrorsTest {

    @Test
    void countsErrorsPerBindingAndKind() {
        BindingErrors errors = new BindingErrors();
        errors.record("mqtt", "handler_error");
        errors.record("mqtt", "handler_error");
        errors.record("coap", "state_refused");

        List<String> samples = new ArrayList<>();
        errors.collect(new MetricsSink() {
            @Override
            public void counter(String name, String help, Map<String, String> labels, double value) {
                samples.add(name + " " + labels.get("binding") + " " + labels.get("kind") + " " + (long) value);
            }

            @Override
            public void gauge(String name, String help, Map<String, String> labels, double value) {
                samples.add(name);
            }
        });

        assertThat(samples).containsExactlyInAnyOrder("cityhub_binding_errors_total mqtt handler_error 2",
                "cityhub_binding_errors_total coap state_refused 1");
    }
}
