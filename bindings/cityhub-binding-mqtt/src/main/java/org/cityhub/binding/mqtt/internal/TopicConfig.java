package org.cityhub.binding.mqtt.internal;

import java.util.Optional;

/**
 * A device's own configuration besides its channels (which {@code channelSettings} reads).
 *
 * @param availabilityTopic where the device says whether it is online, if it does
 * @param payloadAvailable what it says when it is (default {@code online})
 * @param payloadNotAvailable what it says when it is not (default {@code offline})
 */
record TopicConfig(Optional<String> availabilityTopic, String payloadAvailable, String payloadNotAvailable) {
}
