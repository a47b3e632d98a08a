package org.cityhub.console.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.metrics.MetricsProvider;
import org.cityhub.api.metrics.MetricsSink;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Every metric the hub's {@link MetricsProvider} services report now, as {@code /api/metrics} shows them. */
final class MetricSamples {

    /** One sample. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private MetricSamples(List<Sample> samples) {
        this.samples = samples;
    }

    static MetricSamples collect(BundleContext context) throws InvalidSyntaxException {
        List<Sample> samples = new ArrayList<>();
        MetricsSink sink = new MetricsSink() {
            @Override
            public void counter(String name, String help, Map<String, String> labels, double value) {
                samples.add(new Sample(name, labels, value));
            }

            @Override
            public void gauge(String name, String help, Map<String, String> labels, double value) {
                samples.add(new Sample(name, labels, value));
            }
        };
        for (ServiceReference<MetricsProvider> reference : context.getServiceReferences(MetricsProvider.class, null)) {
            MetricsProvider provider = context.getService(reference);
            if (provider != null) {
                try {
                    provider.collect(sink);
                } finally {
                    context.ungetService(reference);
                }
            }
        }
        return new MetricSamples(samples);
    }

    List<Sample> all() {
        return samples;
    }

    /** The value of an unlabelled metric. */
    Optional<Double> value(String name) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().isEmpty()).map(Sample::value).findFirst();
    }
}
