package org.cityhub.binding.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;

import org.junit.jupiter.api.Test;

class CityRhythmTest {

    @Test
    void roadsAreBusiestInTheRushHoursAndQuietAtNight() {
        double night = CityRhythm.traffic(LocalTime.of(3, 0));
        double morningRush = CityRhythm.traffic(LocalTime.of(8, 0));
        double midday = CityRhythm.traffic(LocalTime.of(12, 30));

        assertThat(morningRush).isGreaterThan(midday).isLessThanOrEqualTo(1);
        assertThat(midday).isGreaterThan(night);
        assertThat(night).isPositive();
    }

    @Test
    void afternoonsAreWarmestAndNightsDark() {
        assertThat(CityRhythm.warmth(LocalTime.of(16, 0))).isEqualTo(1.0);
        assertThat(CityRhythm.warmth(LocalTime.of(4, 0))).isEqualTo(0.0);
        assertThat(CityRhythm.dark(LocalTime.of(23, 0))).isTrue();
        assertThat(CityRhythm.dark(LocalTime.of(12, 0))).isFalse();
    }
}
