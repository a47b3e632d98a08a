package org.cityhub.binding.mqtt.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.Refresh;
import org.cityhub.api.types.Text;
import org.cityhub.transform.ChannelReader;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A device behind a Zigbee2MQTT gateway ({@code mqtt:zigbee2mqtt}), known by its IEEE address: it follows the
 * gateway's device list for its friendly name, so a rename moves it to the new topics by itself. Each channel reads
 * its {@code property} from the device's JSON state on {@code <base>/<name>}; commands go as JSON to
 * {@code <base>/<name>/set}; availability ({@code <base>/<name>/availability}, JSON or the legacy plain form) drives
 * the status. A message it cannot read marks this thing alone.
 */
final class Zigbee2MqttHandler extends BaseThingHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Zigbee2MqttHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a writable channel sends: its property, and for a binary one the values the device takes. */
    private record Setter(String property, ChannelDefinition channel, @Nullable Object valueOn,
            @Nullable Object valueOff, @Nullable BigDecimal min, @Nullable BigDecimal max, List<String> options) {
    }

    /** The thing's configuration besides its channels. */
    record Config(String ieeeAddress) {
    }

    private final List<ChannelReader> readers = new ArrayList<>();
    private final Map<String, Setter> setters = new HashMap<>();
    private final List<Subscriptions.Subscription> subscriptions = new ArrayList<>(); // guarded by this
    private @Nullable BrokerHandler broker;
    private @Nullable Zigbee2MqttGateway gateway;
    private @Nullable Runnable unfollow;
    private @Nullable String friendlyName; // guarded by this
    private volatile int maxPayloadBytes = Integer.MAX_VALUE;

    Zigbee2MqttHandler(Thing thing, ThingHandlerCallback callback) {
        super(thing, callback);
    }

    @Override
    public void initialize() {
        Optional<BrokerHandler> bridge = bridgeHandler(BrokerHandler.class);
        Zigbee2MqttGateway found = bridge.map(BrokerHandler::zigbee2mqtt).orElse(null);
        if (found == null) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, "an mqtt:zigbee2mqtt device goes"
                    + " through a running mqtt:broker bridge that follows a Zigbee2MQTT gateway"
                    + " (zigbee2mqttBaseTopic)");
            return;
        }
        Optional<Config> config = configuration(Config.class);
        if (config.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (ChannelDefinition channel : thingType().channels()) {
            read(channel, channelSettings(channel.id()), problems);
        }
        if (!problems.isEmpty()) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, String.join("; ", problems));
            return;
        }
        broker = bridge.get();
        gateway = found;
        maxPayloadBytes = bridge.get().config().maxPayloadBytes();
        updateStatus(ThingStatus.UNKNOWN, ThingStatusDetail.NONE, "waiting for " + found.devicesTopic() + " to name "
                + config.get().ieeeAddress());
        unfollow = found.follow(config.get().ieeeAddress(), this::listed);
    }

    private void read(ChannelDefinition channel, Map<String, Object> settings, List<String> problems) {
        Object property = settings.get("property");
        if (!(property instanceof String name) || name.isBlank()) {
            problems.add("channel " + channel.id() + " names no 'property' of the device's state");
            return;
        }
        List<String> steps = new ArrayList<>(List.of("jsonpath:$['" + name + "']"));
        if (settings.containsKey("valueOn") && settings.containsKey("valueOff")) {
            steps.add("map:" + settings.get("valueOn") + "=ON," + settings.get("valueOff") + "=OFF");
        } else if (settings.containsKey("valueClosed") && settings.containsKey("valueOpen")) {
            steps.add("map:" + settings.get("valueClosed") + "=CLOSED," + settings.get("valueOpen") + "=OPEN");
        }
        try {
            if (!Boolean.FALSE.equals(settings.get("published"))) {
                readers.add(ChannelReader.of(channel, Map.of("transform", steps)));
            }
        } catch (IllegalArgumentException e) {
            problems.add("channel " + channel.id() + ": " + e.getMessage());
            return;
        }
        if (!channel.readOnly()) {
            setters.put(channel.id(), new Setter(name, channel, settings.get("valueOn"), settings.get("valueOff"),
                    decimal(settings.get("min")), decimal(settings.get("max")), options(settings.get("options"))));
        }
    }

    /** The gateway's list named the device (or no longer does). */
    private synchronized void listed(Optional<Zigbee2MqttDevice> device) {
        if (device.isEmpty()) {
            unsubscribe();
            friendlyName = null;
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.GONE, "the Zigbee2MQTT gateway no longer lists "
                    + configuration(Config.class).map(Config::ieeeAddress).orElse("the device"));
            return;
        }
        String name = device.get().friendlyName();
        if (name.equals(friendlyName)) {
            return;
        }
        unsubscribe();
        friendlyName = name;
        String base = gateway.baseTopic() + "/" + name;
        subscriptions.add(new Subscriptions.Subscription(base, 0, this::state));
        subscriptions.add(new Subscriptions.Subscription(base + "/availability", 0, this::availability));
        subscriptions.forEach(broker::subscribe);
        updateStatus(ThingStatus.ONLINE, ThingStatusDetail.NONE, "listening on " + base);
    }

    private void unsubscribe() {
        BrokerHandler running = broker;
        if (running != null) {
            subscriptions.forEach(running::unsubscribe);
        }
        subscriptions.clear();
    }

    private void state(String topic, byte[] payload) {
        if (payload.length > maxPayloadBytes) {
            refuseInput("a message of " + payload.length / 1024 + " KiB on " + topic + " is larger than the"
                    + " broker's maxPayloadKilobytes (" + maxPayloadBytes / 1024 + ")");
            return;
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        if (!text.stripLeading().startsWith("{")) {
            refuseInput(topic + ": not a JSON object of the device's state ('" + shortened(text) + "')");
            return;
        }
        for (ChannelReader reader : readers) {
            ChannelReader.Reading reading = reader.read(text);
            switch (reading.outcome()) {
                case STATE -> updateState(reader.channel().id(), reading.state());
                case EVENT -> triggerChannel(reader.channel().id(), reading.text());
                case REFUSED -> refuseInput(reader.channel().id(), topic + ": " + reading.text());
                default -> {
                    // the property is not in this message: devices publish what changed, or all of it
                }
            }
        }
    }

    /** Zigbee2MQTT publishes {@code {"state": "online"}}, or plain {@code online} in its legacy form. */
    private void availability(String topic, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        String state = text;
        if (text.startsWith("{")) {
            try {
                state = JSON.readTree(text).path("state").asText("");
            } catch (IOException e) {
                state = "";
            }
        }
        switch (state) {
            case "online" -> updateStatus(ThingStatus.ONLINE);
            case "offline" -> updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR,
                    "Zigbee2MQTT says the device is offline (" + topic + ")");
            default -> refuseInput(topic + ": '" + shortened(text) + "' is neither {\"state\": \"online\"} nor"
                    + " {\"state\": \"offline\"} (or their plain forms)");
        }
    }

    @Override
    public void handleCommand(ChannelUID channel, Command command) {
        Setter setter = setters.get(channel.channelId());
        BrokerHandler running = broker;
        String name;
        synchronized (this) {
            name = friendlyName;
        }
        if (command == Refresh.REFRESH || setter == null || running == null || name == null) {
            return; // the device publishes by itself; read-only channels take only REFRESH
        }
        ObjectNode body = JSON.createObjectNode();
        String refusal = put(body, setter, command);
        if (refusal != null) {
            LOG.warn("thing {}: command {} to {} not sent: {}", thing().uid(), command, channel.channelId(), refusal);
            refuseInput(channel.channelId(), "command " + command + " not sent: " + refusal);
            return;
        }
        String topic = gateway.baseTopic() + "/" + name + "/set";
        running.publish(topic, body.toString(), 0, false).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.warn("thing {}: command {} to {} not published on {}: {}", thing().uid(), command,
                        channel.channelId(), topic, failure.getMessage());
            }
        });
    }

    /** Puts the command's value as the device takes it; returns why it cannot, or null. */
    private static @Nullable String put(ObjectNode body, Setter setter, Command command) {
        String property = setter.property();
        if (command instanceof OnOff onOff && setter.valueOn() != null) {
            body.set(property, JSON.valueToTree(onOff == OnOff.ON ? setter.valueOn() : setter.valueOff()));
        } else if (command instanceof NumberValue number) {
            BigDecimal value = number.value();
            if (setter.min() != null && value.compareTo(setter.min()) < 0
                    || setter.max() != null && value.compareTo(setter.max()) > 0) {
                return value.toPlainString() + " is outside the device's range " + setter.min() + " to "
                        + setter.max();
            }
            body.put(property, value);
        } else if (command instanceof Text text) {
            if (!setter.options().isEmpty() && !setter.options().contains(text.value())) {
                return "'" + text.value() + "' is not one of " + setter.options();
            }
            body.put(property, text.value());
        } else {
            return "channel " + setter.channel().id() + " (" + setter.channel().itemType().id() + ") takes no " + command
                    + " command";
        }
        return null;
    }

    @Override
    public synchronized void dispose() {
        Runnable stop = unfollow;
        if (stop != null) {
            stop.run();
        }
        unsubscribe();
    }

    private static @Nullable BigDecimal decimal(@Nullable Object value) {
        return value instanceof BigDecimal decimal ? decimal
                : value instanceof Number number ? new BigDecimal(number.toString()) : null;
    }

    private static List<String> options(@Nullable Object value) {
        List<String> options = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(option -> options.add(String.valueOf(option)));
        }
        return List.copyOf(options);
    }

    private static String shortened(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
