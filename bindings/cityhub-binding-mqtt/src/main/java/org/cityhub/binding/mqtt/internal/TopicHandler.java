package org.cityhub.binding.mqtt.internal;

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
import org.cityhub.api.types.Refresh;
import org.cityhub.transform.ChannelReader;
import org.cityhub.transform.StateText;
import org.cityhub.transform.TransformChain;
import org.cityhub.transform.TransformationException;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device on MQTT ({@code mqtt:topic}): each channel reads its state topic through its transform chain and may
 * command on its command topic; an availability topic drives the thing's status. Messages are read on the
 * client's thread as they arrive, so a thousand busy devices cost no hand-over.
 */
final class TopicHandler extends BaseThingHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TopicHandler.class);

    /** Where a writable channel's commands go. */
    private record CommandRoute(String topic, int qos, boolean retain, TransformChain outbound, boolean echoes) {
    }

    private final List<Subscriptions.Subscription> subscriptions = new ArrayList<>();
    private final Map<String, CommandRoute> commands = new HashMap<>();
    private volatile int maxPayloadBytes = Integer.MAX_VALUE;
    private @Nullable BrokerHandler broker;
    private volatile TopicConfig config = new TopicConfig(Optional.empty(), "online", "offline");

    TopicHandler(Thing thing, ThingHandlerCallback callback) {
        super(thing, callback);
    }

    @Override
    public void initialize() {
        Optional<BrokerHandler> bridge = bridgeHandler(BrokerHandler.class);
        if (bridge.isEmpty() || bridge.get().config() == null) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                    "an mqtt:topic goes through a running mqtt:broker bridge");
            return;
        }
        List<String> problems = new ArrayList<>();
        for (ChannelDefinition channel : thingType().channels()) {
            read(channel, channelSettings(channel.id()), problems);
        }
        Optional<TopicConfig> configured = configuration(TopicConfig.class);
        if (configured.isEmpty()) {
            return;
        }
        config = configured.get();
        String availability = config.availabilityTopic().orElse(null);
        if (availability != null) {
            validTopic("availabilityTopic", availability, true, problems);
        }
        if (!problems.isEmpty()) {
            subscriptions.clear();
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, String.join("; ", problems));
            return;
        }
        broker = bridge.get();
        maxPayloadBytes = bridge.get().config().maxPayloadBytes();
        if (availability != null) {
            subscriptions.add(new Subscriptions.Subscription(availability, 1, this::availability));
            updateStatus(ThingStatus.UNKNOWN, ThingStatusDetail.NONE, "waiting for the device on " + availability);
        } else {
            updateStatus(ThingStatus.ONLINE);
        }
        subscriptions.forEach(broker::subscribe);
    }

    /** Reads a channel's settings: its state subscription and its command route. */
    private void read(ChannelDefinition channel, Map<String, Object> settings, List<String> problems) {
        int qos = settings.get("qos") instanceof Number n ? n.intValue() : 0;
        if (qos < 0 || qos > 2) {
            problems.add("channel " + channel.id() + ": qos must be 0, 1 or 2");
        }
        String stateTopic = text(settings, "stateTopic");
        if (stateTopic != null && validTopic("channel " + channel.id() + ": stateTopic", stateTopic, true, problems)) {
            try {
                ChannelReader reader = ChannelReader.of(channel, settings);
                subscriptions.add(new Subscriptions.Subscription(stateTopic, Math.max(0, Math.min(qos, 2)),
                        (topic, payload) -> message(reader, topic, payload)));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        String commandTopic = text(settings, "commandTopic");
        if (commandTopic == null) {
            if (!channel.readOnly()) {
                problems.add("channel " + channel.id() + " is writable but has no commandTopic");
            }
            return;
        }
        if (validTopic("channel " + channel.id() + ": commandTopic", commandTopic, false, problems)) {
            try {
                TransformChain outbound = TransformChain.parse(ChannelReader.steps(settings.get("commandTransform")));
                commands.put(channel.id(), new CommandRoute(commandTopic, Math.max(0, Math.min(qos, 2)),
                        Boolean.TRUE.equals(settings.get("retain")), outbound, stateTopic != null));
            } catch (IllegalArgumentException e) {
                problems.add("channel " + channel.id() + ": commandTransform: " + e.getMessage());
            }
        }
    }

    private void message(ChannelReader reader, String topic, byte[] payload) {
        String channel = reader.channel().id();
        if (payload.length > maxPayloadBytes) {
            refuseInput(channel, "a message of " + payload.length / 1024 + " KiB on " + topic + " is larger than the"
                    + " broker's maxPayloadKilobytes (" + maxPayloadBytes / 1024 + ")");
            return;
        }
        ChannelReader.Reading reading = reader.read(new String(payload, StandardCharsets.UTF_8));
        switch (reading.outcome()) {
            case STATE -> updateState(channel, reading.state());
            case EVENT -> triggerChannel(channel, reading.text());
            default -> refuseInput(channel, topic + ": " + reading.text());
        }
    }

    private void availability(String topic, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        if (text.equals(config.payloadAvailable())) {
            updateStatus(ThingStatus.ONLINE);
        } else if (text.equals(config.payloadNotAvailable())) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR, "the device says it is offline ("
                    + topic + ")");
        } else {
            refuseInput(topic + ": '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "' is neither '"
                    + config.payloadAvailable() + "' nor '" + config.payloadNotAvailable() + "'");
        }
    }

    @Override
    public void handleCommand(ChannelUID channel, Command command) {
        CommandRoute route = commands.get(channel.channelId());
        if (command == Refresh.REFRESH || route == null || broker == null) {
            return; // MQTT devices publish by themselves; retained values arrived on subscribing
        }
        String payload;
        try {
            payload = route.outbound().apply(StateText.ofCommand(command));
        } catch (TransformationException e) {
            LOG.warn("thing {}: command {} to {} not sent: {}", thing().uid(), command, channel.channelId(),
                    e.getMessage());
            return;
        }
        broker.publish(route.topic(), payload, route.qos(), route.retain()).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.warn("thing {}: command {} to {} not published on {}: {}", thing().uid(), command,
                        channel.channelId(), route.topic(), failure.getMessage());
            } else if (!route.echoes()) {
                assumeState(channel.channelId(), command);
            }
        });
    }

    /** A channel without a state topic shows what it was last commanded. */
    private void assumeState(String channelId, Command command) {
        thingType().channel(channelId).flatMap(channel -> StateText.assumedState(command, channel))
                .ifPresent(state -> updateState(channelId, state));
    }

    @Override
    public void dispose() {
        BrokerHandler running = broker;
        if (running != null) {
            subscriptions.forEach(running::unsubscribe);
        }
    }

    private static boolean validTopic(String what, String topic, boolean wildcards, List<String> problems) {
        try {
            MqttTopic.validate(topic, wildcards);
            return true;
        } catch (IllegalArgumentException e) {
            problems.add(what + " '" + topic + "' is not a valid MQTT topic" + (wildcards ? " filter" : "")
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return false;
        }
    }

    private static @Nullable String text(Map<String, Object> settings, String key) {
        Object value = settings.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
