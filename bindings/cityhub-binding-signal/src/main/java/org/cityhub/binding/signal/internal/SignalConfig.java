package org.cityhub.binding.signal.internal;

/**
 * A counter signal's configuration.
 *
 * @param ratePerSecond how many numbers it counts a second; positive
 */
record SignalConfig(long ratePerSecond) {

    /** @throws IllegalArgumentException if the rate is not positive */
    SignalConfig {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("parameter 'ratePerSecond' must be a positive number, was "
                    + ratePerSecond);
        }
    }
}
