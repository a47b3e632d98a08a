package org.cityhub.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigValuesTest {

    @Test
    void aValueBelowTheMinimumFallsBackToTheDefault() {
        assertThat(ConfigValues.atLeast("org.cityhub.eventbus", "queueCapacity", 5, 1, 10_000)).isEqualTo(5);
        assertThat(ConfigValues.atLeast("org.cityhub.eventbus", "queueCapacity", 0, 1, 10_000)).isEqualTo(10_000);
        assertThat(ConfigValues.atLeast("org.cityhub.eventbus", "queueCapacity", -3, 1, 10_000)).isEqualTo(10_000);
    }

    @Test
    void aDurationIsPositiveAndAtMostACentury() {
        assertThat(DurationText.parse("90d")).isEqualTo(java.time.Duration.ofDays(90));
        assertThatThrownBy(() -> DurationText.parse("999999999d")).hasMessageContaining("at most 36500 days");
        assertThatThrownBy(() -> DurationText.parse("P9999999999999D")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationText.parse("0s")).hasMessageContaining("positive");
    }
}
