package org.cityhub.federation.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FederationSettingsTest {

    @Test
    void eachWrongSettingIsNamed() {
        assertThatThrownBy(() -> settings("Hub A", "k:9092", "cityhub", 3, 15)).hasMessageContaining("hub id 'Hub A'");
        assertThatThrownBy(() -> settings("a", " ", "cityhub", 3, 15)).hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> settings("a", "k:9092", "city hub", 3, 15)).hasMessageContaining("topicPrefix");
        assertThatThrownBy(() -> settings("a", "k:9092", "cityhub", 10, 15)).hasMessageContaining("twice");
    }

    private static FederationSettings settings(String hub, String servers, String prefix, int heartbeat,
            int offline) {
        return new FederationSettings(hub, servers, prefix, SharePolicy.ALL, Duration.ofSeconds(heartbeat),
                Duration.ofSeconds(offline), Duration.ofSeconds(10), 100, 6, Map.of());
    }
}
