package org.cityhub.binding.simulator.internal;

/**
 * A simulated water gauge's own configuration.
 *
 * @param baseLevel the mean level in cm (default 120)
 * @param alarmThreshold the level in cm above which the gauge fires ALARM (default 180)
 */
record GaugeConfig(double baseLevel, double alarmThreshold) {
}
