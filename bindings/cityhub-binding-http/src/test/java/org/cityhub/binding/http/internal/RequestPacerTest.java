package org.cityhub.binding.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RequestPacerTest {

    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

    @Test
    void aSecondsWorthGoesAtOnceAndTheRestWaitsForItsSlot() {
        RequestPacer pacer = new RequestPacer(2);

        assertThat(pacer.reserve(T0)).isZero();
        assertThat(pacer.reserve(T0)).isZero();
        assertThat(pacer.reserve(T0)).isEqualTo(Duration.ofMillis(500));
        assertThat(pacer.reserve(T0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(pacer.reserve(T0.plusSeconds(10))).isZero();
    }

    @Test
    void aSlowServiceGetsOneRequestPerPeriod() {
        RequestPacer pacer = new RequestPacer(0.1);

        assertThat(pacer.reserve(T0)).isZero();
        assertThat(pacer.reserve(T0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(pacer.reserve(T0.plusSeconds(5))).isEqualTo(Duration.ofSeconds(15));
    }
}
