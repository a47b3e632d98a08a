package org.cityhub.binding.simulator.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.Backoff;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.config.Parameter;
import org.cityhub.api.outbound.OutboundPolicy;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.NumberValue;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A community's Zigbee2MQTT gateways, simulated: it connects to a broker as Zigbee2MQTT does and speaks its MQTT
 * API for {@code homes} flats, five devices each (smoke alarm, water-leak sensor, door contact, metering plug, SOS
 * button): the retained {@code <base>/bridge/devices} list, each device's availability and JSON state, and the
 * plugs' {@code /set} commands answered with their new state. The hub reads it through the MQTT binding like a
 * real gateway, so the demo's homes take the real path.
 */
final class HomeGateway extends BaseThingHandler {

    /** The configuration: where the broker is, how many flats, and how their ids begin. */
    record Config(String host, int port, String baseTopic, String community, int homes,
            @Parameter("intervalSeconds") Duration interval) {
    }

    private final OutboundPolicy outbound;
    private final AtomicLong published = new AtomicLong();
    private final Random rhythm;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
    private @Nullable MqttClient client;
    private @Nullable Config config;
    private List<HomeDevice> devices = List.of();
    private volatile boolean disposed;

    HomeGateway(Thing thing, ThingHandlerCallback callback, OutboundPolicy outbound) {
        super(thing, callback);
        this.outbound = outbound;
        this.rhythm = new Random(thing.uid().toString().hashCode());
    }

    @Override
    public void initialize() {
        Optional<Config> configured = configuration(Config.class);
        if (configured.isEmpty()) {
            return;
        }
        config = configured.get();
        devices = HomeDevice.of(config.community(), config.homes());
        updateStatus(ThingStatus.UNKNOWN, ThingStatusDetail.NONE, "connecting to tcp://" + config.host() + ":"
                + config.port());
        scheduler().execute(this::connect);
        scheduler().scheduleAtFixedRate(this::report, config.interval(), config.interval());
    }

    private void connect() {
        Config c = config;
        if (disposed || c == null) {
            return;
        }
        try {
            outbound.admit(c.host(), c.port());
            MqttClient connected = new MqttClient("tcp://" + c.host() + ":" + c.port(), "zigbee2mqtt-"
                    + thing().uid().id(), new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout(5);
            options.setWill(c.baseTopic() + "/bridge/state", "{\"state\":\"offline\"}".getBytes(
                    StandardCharsets.UTF_8), 1, true);
            connected.connect(options);
            connected.subscribe(c.baseTopic() + "/+/+/set", 0, (topic, message) -> scheduler().execute(() -> set(
                    topic, new String(message.getPayload(), StandardCharsets.UTF_8))));
            client = connected;
            backoff.succeeded();
            announce(c);
            updateStatus(ThingStatus.ONLINE);
        } catch (MqttException | IOException e) {
            Duration delay = backoff.failed();
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR, "cannot reach the broker"
                    + " tcp://" + c.host() + ":" + c.port() + ": " + e.getMessage() + " (next attempt in "
                    + Math.max(1, delay.toSeconds()) + " s)");
            scheduler().schedule(this::connect, delay);
        }
    }

    /** What Zigbee2MQTT publishes on starting: the bridge's state, the device list, availability, first states. */
    private void announce(Config c) throws MqttException {
        publish(c.baseTopic() + "/bridge/state", "{\"state\":\"online\"}", true);
        publish(c.baseTopic() + "/bridge/devices", HomeDevice.list(devices), true);
        for (HomeDevice device : devices) {
            publish(c.baseTopic() + "/" + device.friendlyName() + "/availability", "{\"state\":\"online\"}", true);
            publish(c.baseTopic() + "/" + device.friendlyName(), device.state(rhythm, false), true);
        }
    }

    /** A round of reports: a few devices say something, as a community's devices do. */
    private void report() {
        Config c = config;
        if (c == null || client == null) {
            return; // connecting, or waiting to again
        }
        try {
            for (HomeDevice device : devices) {
                if (rhythm.nextInt(10) == 0) {
                    publish(c.baseTopic() + "/" + device.friendlyName(), device.state(rhythm, true), false);
                }
            }
            updateState("messages", new NumberValue(BigDecimal.valueOf(published.get()), null));
        } catch (MqttException e) {
            reconnect();
        }
    }

    private void reconnect() {
        MqttClient lost = client;
        client = null;
        if (lost != null) {
            close(lost);
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR, "lost the broker; connecting"
                    + " again");
            scheduler().execute(this::connect);
        }
    }

    /** A command to a plug: it switches and says so, as a plug behind Zigbee2MQTT does. */
    private void set(String topic, String payload) {
        Config c = config;
        String name = topic.substring(c.baseTopic().length() + 1, topic.length() - "/set".length());
        devices.stream().filter(device -> device.friendlyName().equals(name)).findFirst().ifPresent(device -> {
            try {
                publish(c.baseTopic() + "/" + name, device.commanded(payload), true);
            } catch (MqttException | IllegalArgumentException e) {
                refuseInput(topic + ": " + e.getMessage());
            }
        });
    }

    private void publish(String topic, String payload, boolean retained) throws MqttException {
        MqttClient running = client;
        if (running != null) {
            running.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 0, retained);
            published.incrementAndGet();
        }
    }

    @Override
    public void handleCommand(ChannelUID channel, Command command) {
        // the gateway's own channel is read-only
    }

    @Override
    public void dispose() {
        disposed = true;
        MqttClient running = client;
        client = null;
        if (running != null) {
            close(running);
        }
    }

    private static void close(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing a client that failed: nothing more to do
        }
    }

    /** One simulated device of a flat: its address, name and what it reports. */
    record HomeDevice(String ieeeAddress, String friendlyName, Kind kind) {

        /** The kinds of device every simulated flat has. */
        enum Kind {
            SMOKE, LEAK, DOOR, PLUG, SOS
        }

        static List<HomeDevice> of(String community, int homes) {
            List<HomeDevice> devices = new ArrayList<>();
            for (int home = 1; home <= homes; home++) {
                String flat = String.format(Locale.ROOT, "%s-%02d", community, home);
                for (Kind kind : Kind.values()) {
                    String address = "0x00158d00" + HexFormat.of().toHexDigits((short) home)
                            + HexFormat.of().toHexDigits((short) kind.ordinal());
                    devices.add(new HomeDevice(address, flat + "/" + kind.name().toLowerCase(Locale.ROOT), kind));
                }
            }
            return List.copyOf(devices);
        }

        /** The gateway's device list, as {@code bridge/devices} carries it. */
        static String list(List<HomeDevice> devices) {
            StringBuilder json = new StringBuilder("[{\"ieee_address\":\"0x00124b0014d9a1f0\",\"type\":\"Coordinator\","
                    + "\"friendly_name\":\"Coordinator\",\"interview_completed\":true,\"supported\":true,"
                    + "\"definition\":null}");
            for (HomeDevice device : devices) {
                json.append(",{\"ieee_address\":\"").append(device.ieeeAddress()).append("\",\"type\":\"")
                        .append(device.kind() == Kind.PLUG ? "Router" : "EndDevice").append("\",\"friendly_name\":\"")
                        .append(device.friendlyName()).append("\",\"interview_completed\":true,\"supported\":true,")
                        .append("\"definition\":").append(definition(device.kind())).append('}');
            }
            return json.append(']').toString();
        }

        private static String definition(Kind kind) {
            String battery = "{\"type\":\"numeric\",\"name\":\"battery\",\"label\":\"Battery\",\"property\":\"battery\","
                    + "\"access\":1,\"unit\":\"%\",\"value_min\":0,\"value_max\":100}";
            return switch (kind) {
                case SMOKE -> "{\"model\":\"JTYJ-GD-01LM/BW\",\"vendor\":\"Aqara\",\"description\":\"Smoke detector\","
                        + "\"exposes\":[" + binary("smoke", "Smoke", "true", "false") + "," + battery + "]}";
                case LEAK -> "{\"model\":\"SJCGQ11LM\",\"vendor\":\"Aqara\",\"description\":\"Water leak sensor\","
                        + "\"exposes\":[" + binary("water_leak", "Water leak", "true", "false") + "," + battery + "]}";
                case DOOR -> "{\"model\":\"MCCGQ11LM\",\"vendor\":\"Aqara\",\"description\":\"Door and window sensor\","
                        + "\"exposes\":[" + binary("contact", "Contact", "false", "true") + "," + battery + "]}";
                case PLUG -> "{\"model\":\"TS011F_plug_1\",\"vendor\":\"Tuya\",\"description\":\"Smart plug (with power"
                        + " monitoring)\",\"exposes\":[{\"type\":\"switch\",\"features\":[{\"type\":\"binary\",\"name\":"
                        + "\"state\",\"label\":\"State\",\"property\":\"state\",\"access\":7,\"value_on\":\"ON\","
                        + "\"value_off\":\"OFF\"}]},{\"type\":\"numeric\",\"name\":\"power\",\"label\":\"Power\","
                        + "\"property\":\"power\",\"access\":5,\"unit\":\"W\"},{\"type\":\"numeric\",\"name\":\"energy\","
                        + "\"label\":\"Energy\",\"property\":\"energy\",\"access\":5,\"unit\":\"kWh\"}]}";
                case SOS -> "{\"model\":\"HS1EB/HS1EB-E\",\"vendor\":\"HEIMAN\",\"description\":\"Smart emergency"
                        + " button\",\"exposes\":[{\"type\":\"enum\",\"name\":\"action\",\"label\":\"Action\","
                        + "\"property\":\"action\",\"access\":1,\"values\":[\"emergency\"]}," + battery + "]}";
            };
        }

        private static String binary(String property, String label, String on, String off) {
            return "{\"type\":\"binary\",\"name\":\"" + property + "\",\"label\":\"" + label + "\",\"property\":\""
                    + property + "\",\"access\":1,\"value_on\":" + on + ",\"value_off\":" + off + "}";
        }

        /** A state message; with {@code events}, now and then an alarm, an opened door or a press of the button. */
        String state(Random random, boolean events) {
            int battery = 60 + Math.floorMod(ieeeAddress.hashCode(), 40);
            return switch (kind) {
                case SMOKE -> "{\"smoke\":" + (events && random.nextInt(400) == 0) + ",\"battery\":" + battery + "}";
                case LEAK -> "{\"water_leak\":" + (events && random.nextInt(400) == 0) + ",\"battery\":" + battery + "}";
                case DOOR -> "{\"contact\":" + !(events && random.nextInt(4) == 0) + ",\"battery\":" + battery + "}";
                case PLUG -> String.format(Locale.ROOT, "{\"state\":\"ON\",\"power\":%.1f,\"energy\":%.2f}",
                        Math.max(0, 40 + random.nextGaussian() * 15), 100 + random.nextDouble());
                case SOS -> events && random.nextInt(200) == 0 ? "{\"action\":\"emergency\",\"battery\":" + battery
                        + "}" : "{\"battery\":" + battery + "}";
            };
        }

        /** A plug's answer to a {@code /set}: its new state. */
        String commanded(String payload) {
            if (kind != Kind.PLUG || !payload.contains("\"state\"")) {
                throw new IllegalArgumentException(friendlyName + " takes no '" + payload + "'");
            }
            boolean on = payload.contains("\"ON\"");
            return "{\"state\":\"" + (on ? "ON" : "OFF") + "\",\"power\":" + (on ? "45.0" : "0.0") + "}";
        }
    }
}
