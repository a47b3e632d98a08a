package org.cityhub.binding.mqtt.internal;

import java.time.Duration;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A broker connection's configuration, read from its thing (defaults applied by the hub). {@link #toString()}
 * names the broker, never the credentials or keys.
 */
record BrokerConfig(String host, int port, boolean secure, @Nullable String caCertificate,
        @Nullable String clientCertificate, @Nullable String clientKey, boolean hostnameVerification, String clientId,
        @Nullable String username, @Nullable String password, int keepAliveSeconds, boolean cleanSession,
        Duration maxReconnect, int maxPayloadBytes, boolean discovery, String discoveryPrefix) {

    /**
     * The configuration of a broker thing.
     *
     * @throws IllegalArgumentException if settings that belong together are incomplete
     */
    static BrokerConfig of(String thingId, Map<String, Object> c) {
        String clientCertificate = text(c, "clientCertificate");
        String clientKey = text(c, "clientKey");
        if ((clientCertificate == null) != (clientKey == null)) {
            throw new IllegalArgumentException("clientCertificate and clientKey go together; one of them is missing");
        }
        boolean secure = Boolean.TRUE.equals(c.get("secure"));
        if (!secure && (text(c, "caCertificate") != null || clientCertificate != null)) {
            throw new IllegalArgumentException("certificates are set but secure is false: set secure to true for TLS");
        }
        String clientId = text(c, "clientId");
        return new BrokerConfig(text(c, "host"), number(c, "port"), secure, text(c, "caCertificate"),
                clientCertificate, clientKey, !Boolean.FALSE.equals(c.get("hostnameVerification")),
                clientId == null ? "cityhub-" + thingId : clientId, text(c, "username"), text(c, "password"),
                number(c, "keepAliveSeconds"), !Boolean.FALSE.equals(c.get("cleanSession")),
                Duration.ofSeconds(number(c, "maxReconnectSeconds")), number(c, "maxPayloadKilobytes") * 1024,
                !Boolean.FALSE.equals(c.get("discovery")), text(c, "discoveryPrefix"));
    }

    /** {@code tcp://host:port} or {@code ssl://host:port}. */
    String serverUri() {
        return (secure ? "ssl://" : "tcp://") + host + ":" + port;
    }

    @Override
    public String toString() {
        return serverUri() + " as " + clientId + (username == null ? "" : " (user " + username + ")");
    }

    private static @Nullable String text(Map<String, Object> c, String key) {
        Object value = c.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static int number(Map<String, Object> c, String key) {
        return ((Number) c.get(key)).intValue();
    }
}
