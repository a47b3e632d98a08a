package org.cityhub.federation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class HubTableTest {

    private static final Instant NOON = Instant.parse("2026-12-04T12:00:00Z");

    private Instant now = NOON;
    private final HubTable hubs = new HubTable(Duration.ofSeconds(15), new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void aHubIsAliveWhileItsHeartbeatsComeAndLapsesOnceWhenTheyStop() {
        assertThat(hubs.heard("xiaoshan", "i1", NOON, NOON, false, 40)).as("appeared alive").isTrue();
        assertThat(hubs.heard("xiaoshan", "i1", NOON, NOON.plusSeconds(3), false, 40)).as("no news").isFalse();
        now = NOON.plusSeconds(18);
        assertThat(hubs.lapsed()).isEmpty();
        now = NOON.plusSeconds(19);
        assertThat(hubs.lapsed()).extracting(HubTable.Hub::id).containsExactly("xiaoshan");
        assertThat(hubs.lapsed()).as("once").isEmpty();
        assertThat(hubs.alive("xiaoshan")).isFalse();
        assertThat(hubs.whyAway("xiaoshan")).contains("last heard of at 2026-12-04T12:00:03Z, over 15 s ago");

        assertThat(hubs.heard("xiaoshan", "i1", NOON, now, false, 40)).as("back").isTrue();
    }

    @Test
    void aCleanStopOrAnOldHeartbeatReadAtStartIsNotAlive() {
        hubs.heard("fuyang", "i2", NOON, NOON, true, 12);
        assertThat(hubs.alive("fuyang")).isFalse();
        assertThat(hubs.whyAway("fuyang")).contains("stopped");
        now = NOON.plusSeconds(3600);
        assertThat(hubs.heard("linan", "i3", NOON, NOON, false, 3)).isFalse();
        assertThat(hubs.alive("linan")).isFalse();
        assertThat(hubs.alive("nobody")).isFalse();
    }
}
