package org.cityhub.api.federation;

import org.eclipse.jdt.annotation.Nullable;

/**
 * This hub's side of the federation.
 *
 * @param hubId this hub's id
 * @param bootstrapServers the Kafka cluster it uses
 * @param topicPrefix its topics' prefix
 * @param phase {@code connecting}, {@code checking hub id}, {@code running}, {@code refused} or {@code stopped}
 * @param trouble why it does not run as it should, or {@code null}
 * @param sharedThings the things this hub shares now
 * @param waiting records not yet acknowledged by Kafka
 * @param sent records Kafka acknowledged since the start
 * @param dropped records not sent because the waiting ones were at their bound
 * @param received records taken in since the start
 * @param unreadable records taken in that could not be read (another format version, damaged)
 */
public record FederationState(String hubId, String bootstrapServers, String topicPrefix, String phase,
        @Nullable String trouble, int sharedThings, long waiting, long sent, long dropped, long received,
        long unreadable) {
}
