package org.cityhub.binding.simulator.internal;

import java.time.Duration;

import org.cityhub.api.config.Parameter;

/**
 * Every simulated device's configuration.
 *
 * @param interval how often the device reports ({@code intervalSeconds}, 1..3600, default 5)
 */
record SimulatorConfig(@Parameter("intervalSeconds") Duration interval) {
}
