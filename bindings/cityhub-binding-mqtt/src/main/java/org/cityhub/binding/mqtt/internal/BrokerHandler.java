package org.cityhub.binding.mqtt.internal;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLException;

import org.cityhub.api.binding.Backoff;
import org.cityhub.api.outbound.DestinationRefusedException;
import org.cityhub.api.outbound.OutboundPolicy;
import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.HandlerScheduler.ScheduledTask;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.types.Command;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One connection to an MQTT broker ({@code mqtt:broker}), shared by the devices behind it. Its status follows the
 * connection; when the connection fails or is lost it reconnects by itself, waiting longer after each failure (with
 * jitter), and subscribes its devices' topics again.
 */
final class BrokerHandler extends BaseThingHandler implements MqttCallback {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How long after connecting with a persistent session messages no device listens to yet are kept for the
     * devices that start and subscribe meanwhile.
     */
    static final Duration SESSION_CATCH_UP = Duration.ofSeconds(30);

    private final HomeAssistantDiscovery discovery;
    private final Zigbee2MqttDiscovery zigbeeDiscovery;
    private final OutboundPolicy outbound;
    private final Subscriptions subscriptions = new Subscriptions();
    private volatile @Nullable MqttAsyncClient client;
    private volatile @Nullable BrokerConfig config;
    private volatile boolean connected;
    private volatile boolean disposed;
    private volatile @Nullable Zigbee2MqttGateway zigbee2mqtt;
    private @Nullable Backoff backoff;
    private @Nullable ScheduledTask retry;

    BrokerHandler(Thing thing, ThingHandlerCallback callback, HomeAssistantDiscovery discovery,
            Zigbee2MqttDiscovery zigbeeDiscovery, OutboundPolicy outbound) {
        super(thing, callback);
        this.discovery = discovery;
        this.zigbeeDiscovery = zigbeeDiscovery;
        this.outbound = outbound;
    }

    @Override
    public void initialize() {
        Optional<BrokerConfig> configured = configuration(BrokerConfig.class);
        if (configured.isEmpty()) {
            return;
        }
        BrokerConfig read = configured.get();
        MqttAsyncClient created;
        try {
            if (read.secure()) {
                TlsContext.of(read); // reports a bad certificate or key now, as a configuration error
            }
            created = new MqttAsyncClient(read.serverUri(), read.clientIdOf(thing().uid().id()),
                    new MemoryPersistence());
            if (!read.cleanSession()) {
                // the broker sends the session's queued messages on connecting, before the devices subscribe
                subscriptions.hold();
                scheduler().schedule(this::releaseHeldMessages, SESSION_CATCH_UP);
            }
        } catch (IllegalArgumentException | MqttException e) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, e.getMessage());
            return;
        }
        config = read;
        backoff = new Backoff(Duration.ofSeconds(1), read.maxReconnect());
        created.setCallback(this);
        client = created;
        if (read.discovery()) {
            String prefix = read.discoveryPrefix();
            Subscriptions.Listener announcements = (topic, payload) -> discovery.announced(thing().uid(), prefix, topic,
                    new String(payload, StandardCharsets.UTF_8));
            subscribe(new Subscriptions.Subscription(prefix + "/+/+/config", 0, announcements));
            subscribe(new Subscriptions.Subscription(prefix + "/+/+/+/config", 0, announcements));
        }
        if (!read.zigbee2mqttBaseTopic().isBlank()) {
            Zigbee2MqttGateway gateway = new Zigbee2MqttGateway(read.zigbee2mqttBaseTopic());
            zigbee2mqtt = gateway;
            subscribe(new Subscriptions.Subscription(gateway.devicesTopic(), 1,
                    (topic, payload) -> devicesListed(gateway, topic, payload)));
        }
        updateStatus(ThingStatus.UNKNOWN, ThingStatusDetail.NONE, "connecting to " + read + " as "
                + read.clientIdOf(thing().uid().id()));
        scheduler().execute(this::connect);
    }

    private void releaseHeldMessages() {
        int unclaimed = subscriptions.release();
        if (unclaimed > 0) {
            LOG.warn("broker {}: {} messages of the persistent session matched no device within {} s; dropped",
                    thing().uid(), unclaimed, SESSION_CATCH_UP.toSeconds());
        }
    }

    /**
     * The gateway's device list arrived (retained, and again on every change): the devices' things follow it, and
     * discovery offers what it lists. A list that cannot be read marks this broker's thing and changes nothing.
     */
    private void devicesListed(Zigbee2MqttGateway gateway, String topic, byte[] payload) {
        if (payload.length == 0) {
            return; // the retained list was cleared: the devices known stay as they are until a new list
        }
        List<Zigbee2MqttDevice> devices;
        try {
            devices = Zigbee2MqttDevice.list(JSON.readTree(payload));
        } catch (IOException | IllegalArgumentException e) {
            refuseInput(topic + ": " + (e instanceof IOException ? "not JSON" : e.getMessage()) + "; the devices"
                    + " known from the last good list stay as they were");
            return;
        }
        gateway.list(devices);
        if (config.discovery()) {
            zigbeeDiscovery.listed(thing().uid(), devices);
        }
    }

    /** The Zigbee2MQTT gateway this broker follows, or null if it follows none. */
    @Nullable
    Zigbee2MqttGateway zigbee2mqtt() {
        return zigbee2mqtt;
    }

    /** The broker's configuration, for its devices. */
    @Nullable
    BrokerConfig config() {
        return config;
    }

    /** Subscribes a device's filter; sent to the broker now if connected, and again after every reconnect. */
    void subscribe(Subscriptions.Subscription subscription) {
        MqttAsyncClient running = client;
        if (subscriptions.add(subscription) && connected && running != null) {
            try {
                running.subscribe(subscription.filter(), subscription.qos());
            } catch (MqttException e) {
                LOG.warn("broker {}: subscribing {} failed: {}", thing().uid(), subscription.filter(), e.toString());
            }
        }
    }

    /**
     * Removes a device's filter. With a persistent session the broker is told only after {@link #SESSION_CATCH_UP}
     * and only if no device has taken the filter up again: a hub that shuts down (devices first, then this
     * connection) or a device that restarts keeps the session's subscription, so the broker keeps queueing.
     */
    void unsubscribe(Subscriptions.Subscription subscription) {
        if (!subscriptions.remove(subscription)) {
            return;
        }
        BrokerConfig c = config;
        if (c != null && !c.cleanSession()) {
            scheduler().schedule(() -> unsubscribeUnused(subscription.filter()), SESSION_CATCH_UP);
        } else {
            unsubscribeUnused(subscription.filter());
        }
    }

    private void unsubscribeUnused(String filter) {
        MqttAsyncClient running = client;
        if (connected && running != null && !subscriptions.filters().containsKey(filter)) {
            try {
                running.unsubscribe(filter);
            } catch (MqttException e) {
                LOG.debug("broker {}: unsubscribing {} failed: {}", thing().uid(), filter, e.toString());
            }
        }
    }

    /** Publishes a message; completes when the broker has it (for QoS 0: when it is sent). */
    CompletableFuture<Void> publish(String topic, String payload, int qos, boolean retain) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttAsyncClient running = client;
        if (running == null || !connected) {
            done.completeExceptionally(new IllegalStateException("broker " + thing().uid() + " is not connected"));
            return done;
        }
        try {
            running.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain, null, listener(
                    () -> done.complete(null), done::completeExceptionally));
        } catch (MqttException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private void connect() {
        MqttAsyncClient running = client;
        if (running == null || disposed) {
            return;
        }
        try {
            // asked at every attempt: a policy changed meanwhile applies to the next one
            outbound.admit(config.host(), config.port());
            running.connect(options(), null, listener(() -> scheduler().execute(this::connected),
                    failure -> scheduler().execute(() -> failed("cannot connect to " + config.serverUri(), failure))));
        } catch (MqttException | IOException e) {
            failed("cannot connect to " + config.serverUri(), e);
        }
    }

    private MqttConnectOptions options() {
        BrokerConfig c = config;
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setAutomaticReconnect(false);
        options.setCleanSession(c.cleanSession());
        options.setKeepAliveInterval(c.keepAliveSeconds());
        options.setConnectionTimeout(30);
        options.setMaxInflight(1000);
        if (c.username().isPresent()) {
            options.setUserName(c.username().get());
            options.setPassword(c.password().orElse("").toCharArray());
        }
        if (c.secure()) {
            options.setSocketFactory(TlsContext.of(c));
            options.setHttpsHostnameVerificationEnabled(c.hostnameVerification());
        } else {
            options.setSocketFactory(new PlainSockets());
        }
        return options;
    }

    private void connected() {
        MqttAsyncClient running = client;
        if (running == null || disposed) {
            return;
        }
        connected = true;
        backoff.succeeded();
        subscriptions.filters().forEach((filter, qos) -> {
            try {
                running.subscribe(filter, qos);
            } catch (MqttException e) {
                LOG.warn("broker {}: subscribing {} failed: {}", thing().uid(), filter, e.toString());
            }
        });
        updateStatus(ThingStatus.ONLINE);
    }

    private void failed(String what, Throwable failure) {
        connected = false;
        if (disposed) {
            return;
        }
        Duration delay = backoff.failed();
        updateStatus(ThingStatus.OFFLINE, detailOf(failure), what + ": " + reasonOf(failure) + " (failure "
                + backoff.failures() + "; next attempt in " + Math.max(1, delay.toSeconds()) + " s)");
        if (retry != null) {
            retry.cancel();
        }
        retry = scheduler().schedule(this::connect, delay);
    }

    @Override
    public void connectionLost(Throwable cause) {
        connected = false;
        scheduler().execute(() -> failed("connection to " + config.serverUri() + " lost", cause));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        subscriptions.dispatch(topic, message.getPayload());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // publishers learn of delivery through their own listener
    }

    @Override
    public void handleCommand(ChannelUID channel, Command command) {
        // a broker has no channels
    }

    @Override
    public void dispose() {
        disposed = true;
        connected = false;
        MqttAsyncClient running = client;
        client = null;
        if (running != null) {
            try {
                if (running.isConnected()) {
                    running.disconnectForcibly(0, 1000, false);
                }
                running.close(true);
            } catch (MqttException e) {
                LOG.debug("broker {}: closing the client: {}", thing().uid(), e.toString());
            }
        }
    }

    /** Refusals that only a change of configuration mends are configuration errors; the rest are communication. */
    private static ThingStatusDetail detailOf(Throwable failure) {
        if (failure instanceof DestinationRefusedException) {
            return ThingStatusDetail.CONFIGURATION_ERROR;
        }
        if (failure instanceof MqttException e) {
            int code = e.getReasonCode();
            if (code == MqttException.REASON_CODE_FAILED_AUTHENTICATION || code == MqttException.REASON_CODE_NOT_AUTHORIZED
                    || code == MqttException.REASON_CODE_INVALID_CLIENT_ID
                    || code == MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION || e.getCause() instanceof SSLException) {
                return ThingStatusDetail.CONFIGURATION_ERROR;
            }
        }
        return ThingStatusDetail.COMMUNICATION_ERROR;
    }

    private static String reasonOf(Throwable failure) {
        if (failure instanceof MqttException e) {
            switch (e.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION:
                    return "the broker refused the user name or password";
                case MqttException.REASON_CODE_NOT_AUTHORIZED:
                    return "the broker refused the connection: not authorized";
                case MqttException.REASON_CODE_INVALID_CLIENT_ID:
                    return "the broker refused the client id";
                case MqttException.REASON_CODE_BROKER_UNAVAILABLE:
                    return "the broker is unavailable";
                default:
                    Throwable cause = e.getCause();
                    return cause == null ? e.getMessage() : e.getMessage() + " (" + cause.getMessage() + ")";
            }
        }
        if (failure instanceof UnknownHostException) {
            return "unknown host " + failure.getMessage();
        }
        return failure instanceof IOException ? failure.getMessage() : failure.toString();
    }

    private static IMqttActionListener listener(Runnable success, java.util.function.Consumer<Throwable> failure) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                success.run();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                failure.accept(exception);
            }
        };
    }
}
