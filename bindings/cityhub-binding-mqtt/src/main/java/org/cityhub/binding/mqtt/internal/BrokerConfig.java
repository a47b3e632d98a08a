package org.cityhub.binding.mqtt.internal;

import java.time.Duration;
import java.util.Optional;

import org.cityhub.api.config.Parameter;

/**
 * A broker connection's configuration, read from its thing by the SDK's configuration reader (defaults applied by
 * the hub). {@link #toString()} names the broker, never the credentials or keys.
 */
record BrokerConfig(String host, int port, boolean secure, Optional<String> caCertificate,
        Optional<String> clientCertificate, Optional<String> clientKey, boolean hostnameVerification,
        Optional<String> clientId, Optional<String> username, Optional<String> password, int keepAliveSeconds,
        boolean cleanSession, @Parameter("maxReconnectSeconds") Duration maxReconnect, int maxPayloadKilobytes,
        boolean discovery, String discoveryPrefix, String zigbee2mqttBaseTopic) {

    /** @throws IllegalArgumentException if settings that belong together are incomplete */
    BrokerConfig {
        if (clientCertificate.isPresent() != clientKey.isPresent()) {
            throw new IllegalArgumentException("clientCertificate and clientKey go together; one of them is missing");
        }
        if (!secure && (caCertificate.isPresent() || clientCertificate.isPresent())) {
            throw new IllegalArgumentException("certificates are set but secure is false: set secure to true for TLS");
        }
    }

    /** The client id to connect with: the configured one, or one made of the broker thing's id. */
    String clientIdOf(String thingId) {
        return clientId.orElse("cityhub-" + thingId);
    }

    /** The largest payload accepted. */
    int maxPayloadBytes() {
        return maxPayloadKilobytes * 1024;
    }

    /** {@code tcp://host:port} or {@code ssl://host:port}. */
    String serverUri() {
        return (secure ? "ssl://" : "tcp://") + host + ":" + port;
    }

    @Override
    public String toString() {
        return serverUri() + username.map(user -> " (user " + user + ")").orElse("");
    }
}
