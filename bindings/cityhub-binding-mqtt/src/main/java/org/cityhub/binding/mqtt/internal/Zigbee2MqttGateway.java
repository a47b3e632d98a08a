package org.cityhub.binding.mqtt.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.jdt.annotation.Nullable;

/**
 * What a broker connection knows of the Zigbee2MQTT gateway on it: the device list its retained
 * {@code <base>/bridge/devices} last gave, and the devices' things that follow their entries (a rename changes the
 * topics they listen on; a device gone from the list is gone).
 */
final class Zigbee2MqttGateway {

    private final String baseTopic;
    private final Map<String, Consumer<Optional<Zigbee2MqttDevice>>> followers = new ConcurrentHashMap<>();
    private volatile @Nullable Map<String, Zigbee2MqttDevice> byAddress;

    Zigbee2MqttGateway(String baseTopic) {
        this.baseTopic = baseTopic;
    }

    /** The gateway's base topic, {@code zigbee2mqtt} by default. */
    String baseTopic() {
        return baseTopic;
    }

    /** The filter of its device list. */
    String devicesTopic() {
        return baseTopic + "/bridge/devices";
    }

    /** Whether a device list has arrived yet. */
    boolean listed() {
        return byAddress != null;
    }

    /** A new device list: every follower hears of its device's entry, or of its absence. */
    void list(List<Zigbee2MqttDevice> devices) {
        Map<String, Zigbee2MqttDevice> next = devices.stream().collect(Collectors.toUnmodifiableMap(
                device -> key(device.ieeeAddress()), Function.identity(), (first, second) -> first));
        byAddress = next;
        followers.forEach((address, follower) -> follower.accept(Optional.ofNullable(next.get(address))));
    }

    /**
     * Follows a device's entry: called now if a list has arrived, and with every list after.
     *
     * @return what stops it
     */
    Runnable follow(String ieeeAddress, Consumer<Optional<Zigbee2MqttDevice>> follower) {
        String address = key(ieeeAddress);
        followers.put(address, follower);
        Map<String, Zigbee2MqttDevice> known = byAddress;
        if (known != null) {
            follower.accept(Optional.ofNullable(known.get(address)));
        }
        return () -> followers.remove(address, follower);
    }

    private static String key(String ieeeAddress) {
        return ieeeAddress.toLowerCase(Locale.ROOT);
    }
}
