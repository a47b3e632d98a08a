package org.cityhub.federation.internal;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.cityhub.api.federation.HubIds;

/**
 * What {@code etc/org.cityhub.federation.cfg} says, checked: this hub's id, the Kafka cluster and how to reach it,
 * what is shared and the federation's timings.
 *
 * @param hubId this hub's id, unique in the federation
 * @param bootstrapServers Kafka's bootstrap servers, {@code host:port,…}
 * @param prefix the topics' prefix
 * @param shared which of this hub's things it shares
 * @param heartbeat how often this hub says it is alive
 * @param offlineAfter how long after its last heartbeat another hub's things turn {@code HUB_OFFLINE}
 * @param commandTimeout how long a command to another hub waits for its answer
 * @param bufferRecords how many records wait for Kafka at most before more are counted as dropped
 * @param partitions the partitions of the topics this hub creates when they are missing
 * @param kafka the Kafka clients' own settings ({@code kafka.*} keys without the prefix: TLS, SASL, …)
 */
record FederationSettings(String hubId, String bootstrapServers, String prefix, SharePolicy shared,
        Duration heartbeat, Duration offlineAfter, Duration commandTimeout, int bufferRecords, int partitions,
        Map<String, Object> kafka) {

    private static final String KAFKA = "kafka.";

    /** @throws IllegalArgumentException naming the setting that is wrong */
    FederationSettings {
        HubIds.check(hubId);
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is missing: Kafka's host:port, comma-separated");
        }
        if (prefix == null || !prefix.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("topicPrefix '" + prefix + "' must be 1 to 100 letters, digits, '.',"
                    + " '_' or '-'");
        }
        if (offlineAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("offlineAfterSeconds must be at least twice heartbeatSeconds, so that"
                    + " one late heartbeat does not take a hub offline");
        }
        if (bufferRecords < 1 || partitions < 1) {
            throw new IllegalArgumentException("bufferRecords and partitions must be at least 1");
        }
        kafka = Map.copyOf(kafka);
    }

    static FederationSettings of(FederationService.Config config, Map<String, ?> properties) {
        Map<String, Object> kafka = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(KAFKA)) {
                kafka.put(key.substring(KAFKA.length()), String.valueOf(value));
            }
        });
        return new FederationSettings(config.hubId().strip(), config.bootstrapServers().strip(),
                config.topicPrefix().strip(), SharePolicy.parse(config.shareDepartments(), config.shareThings(),
                        config.shareTags(), config.withholdThings()),
                Duration.ofSeconds(config.heartbeatSeconds()), Duration.ofSeconds(config.offlineAfterSeconds()),
                Duration.ofSeconds(config.commandTimeoutSeconds()), config.bufferRecords(), config.partitions(), kafka);
    }
}
