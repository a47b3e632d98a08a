package org.cityhub.federation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the federation's topics that are missing, with the settings their use needs: the things' views and the
 * heartbeats compacted (the latest per key is kept for ever), events kept a week, commands and replies an hour.
 * Replication is left to the cluster's default. Topics that are there already are left as they are.
 */
final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final long WEEK = TimeUnit.DAYS.toMillis(7);
    private static final long HOUR = TimeUnit.HOURS.toMillis(1);

    private TopicSetup() {
    }

    /** Tries until the topics are there or {@code stopped} says to give up; Kafka may be away for a while. */
    static void ensure(Admin admin, FederationSettings settings, BooleanSupplier stopped) {
        Topics topics = new Topics(settings.prefix());
        List<NewTopic> wanted = List.of(
                topic(topics.things(), settings.partitions(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT)),
                topic(topics.hubs(), 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                topic(topics.events(), settings.partitions(), Map.of(TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(WEEK))),
                topic(topics.commands(settings.hubId()), 1, Map.of(TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(HOUR))),
                topic(topics.replies(settings.hubId()), 1, Map.of(TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(HOUR))));
        long backoff = 250;
        while (!stopped.getAsBoolean()) {
            try {
                Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                List<NewTopic> missing = new ArrayList<>(wanted.stream().filter(t -> !existing.contains(t.name()))
                        .toList());
                if (missing.isEmpty()) {
                    return;
                }
                admin.createTopics(missing).values().forEach((name, created) -> {
                    try {
                        created.get(10, TimeUnit.SECONDS);
                        LOG.info("Federation: made topic {}", name);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new IllegalStateException(e.getCause());
                        }
                    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
                        throw new IllegalStateException(e);
                    }
                });
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException | IllegalStateException e) {
                LOG.debug("Federation: Kafka not there yet to make the topics: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(backoff); // a backoff before asking Kafka again, not a synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(backoff * 2, 10_000);
        }
    }

    private static NewTopic topic(String name, int partitions, Map<String, String> configs) {
        return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
    }
}
