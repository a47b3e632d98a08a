package org.cityhub.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigValuesTest {

    @Test
    void aValueBelowTheMinimumFallsBackToTheDefault() {
        assertThat(ConfigValues.atLeast("org.cityhub.eventbus", "queueCapacity", 5, 1, 10_000)).isEqualTo(5);
        assertThat(ConfigValues.atLeast("org.cityhub.eventbus", "queueCapacity", 0, 1, 10_000)).isEqualTo(10_000);
        assertThat(ConfigValues.atLeast("org.cityhub.eventbus", "queueCapacity", -3, 1, 10_000)).isEqualTo(10_000);
    }
}
