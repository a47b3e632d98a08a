package org.cityhub.rules.internal;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.cityhub.api.metrics.MetricsSink;
import org.cityhub.api.rules.RuleStatus;

/** The rule engine's metrics: rules by status, events matched and missed, firings and their outcomes. */
final class RuleMetrics {

    final LongAdder eventsMatched = new LongAdder();
    final LongAdder eventsMissed = new LongAdder();

    void collect(MetricsSink sink, RuleBook book, FiringRunner runner) {
        Map<RuleStatus, Integer> byStatus = new EnumMap<>(RuleStatus.class);
        long throttled = 0;
        for (RuleRuntime rule : book.all()) {
            var info = rule.info();
            byStatus.merge(info.status(), 1, Integer::sum);
            throttled += info.throttled();
        }
        for (RuleStatus status : RuleStatus.values()) {
            sink.gauge("cityhub_rules", "Rules by status", Map.of("status", status.name().toLowerCase(Locale.ROOT)),
                    byStatus.getOrDefault(status, 0));
        }
        sink.counter("cityhub_rule_events_total", "Events some rule watches, matched against the index", Map.of(),
                eventsMatched.sum());
        sink.counter("cityhub_rule_events_missed_total", "Events dropped before the engine read them", Map.of(),
                eventsMissed.sum());
        sink.counter("cityhub_rule_firings_total", "Firings started (not throttled, not skipped)", Map.of(),
                runner.started.sum());
        sink.counter("cityhub_rule_firings_unmet_total", "Firings whose conditions did not hold", Map.of(),
                runner.conditionsUnmet.sum());
        sink.counter("cityhub_rule_firings_throttled_total", "Firings held back by rules' rate limits", Map.of(),
                throttled);
        sink.counter("cityhub_rule_actions_failed_total", "Actions that failed", Map.of(), runner.actionsFailed.sum());
        sink.counter("cityhub_rule_actions_abandoned_total", "Actions abandoned past their time budget", Map.of(),
                runner.actionsAbandoned.sum());
    }
}
