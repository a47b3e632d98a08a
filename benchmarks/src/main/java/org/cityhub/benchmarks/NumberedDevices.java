package org.cityhub.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import javax.net.SocketFactory;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * MQTT devices of several departments, each sending numbered messages {@code {"seq": n, "sent": micros}} (QoS 0)
 * to {@code <prefix>/<department>/<device>}: one Paho connection per department sends its share of a steady
 * total rate every 10 ms, round robin over its devices. A device's numbers run on across {@link #start} and
 * {@link #stop}, so whoever counts what arrived knows exactly which message of which device is missing.
 */
public final class NumberedDevices implements AutoCloseable {

    private final int brokerPort;
    private final String prefix;
    private final int departments;
    private final int devicesPerDepartment;
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final Map<String, AtomicLong> lastSent = new LinkedHashMap<>(); // by device id; the map is never changed
    private final LongAdder refused = new LongAdder();
    private final List<Thread> senders = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private volatile boolean sending;

    public NumberedDevices(int brokerPort, String prefix, int departments, int devicesPerDepartment)
            throws MqttException {
        this.brokerPort = brokerPort;
        this.prefix = prefix;
        this.departments = departments;
        this.devicesPerDepartment = devicesPerDepartment;
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(65_535);
        options.setCleanSession(true);
        options.setSocketFactory(new NoDelaySockets()); // a device sends each message at once, as a sensor does
        for (int d = 0; d < departments; d++) {
            MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + brokerPort,
                    prefix + "-" + department(d) + "-" + System.nanoTime(), new MemoryPersistence());
            client.connect(options).waitForCompletion(10_000);
            clients.add(client);
            for (int v = 0; v < devicesPerDepartment; v++) {
                lastSent.put(device(d, v), new AtomicLong());
            }
        }
    }

    public static String department(int index) {
        return "d" + index;
    }

    public static String device(int department, int device) {
        return department(department) + "-meter-" + device;
    }

    /** The department a device belongs to, from its id. */
    public static String departmentOf(String device) {
        return device.substring(0, device.indexOf('-'));
    }

    /** The topic a device sends to. */
    public String topic(String device) {
        return prefix + "/" + departmentOf(device) + "/" + device;
    }

    /**
     * The hub's things file for these devices: an {@code mqtt:broker:<prefix>} bridge and, per device, an
     * {@code mqtt:topic} thing of its department whose text channel {@code reading} takes the whole message.
     */
    public String thingsFile() {
        String bridge = "mqtt:broker:" + prefix;
        StringBuilder file = new StringBuilder("{\"things\": [\n{\"uid\": \"" + bridge + "\", \"label\": \"Broker\","
                + " \"configuration\": {\"host\": \"127.0.0.1\", \"port\": " + brokerPort + ", \"discovery\": false}}");
        for (String device : lastSent.keySet()) {
            file.append(",\n{\"uid\": \"mqtt:topic:").append(device).append("\", \"label\": \"").append(device)
                    .append("\", \"department\": \"").append(departmentOf(device)).append("\", \"bridgeUID\": \"")
                    .append(bridge).append("\", \"configuration\": {\"channels\": [{\"id\": \"reading\", \"itemType\":"
                            + " \"text\", \"stateTopic\": \"").append(topic(device)).append("\"}]}}");
        }
        return file.append("\n]}\n").toString();
    }

    /** Every device's id, department by department. */
    public List<String> devices() {
        return List.copyOf(lastSent.keySet());
    }

    /** The last number each device sent, by device id. */
    public Map<String, Long> lastSent() {
        Map<String, Long> last = new LinkedHashMap<>();
        lastSent.forEach((device, seq) -> last.put(device, seq.get()));
        return last;
    }

    /** Messages sent so far by all devices. */
    public long sent() {
        return lastSent.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Messages the MQTT client refused to take (its buffer was full); they were not sent and have no number. */
    public long refused() {
        return refused.sum();
    }

    /** Starts sending the total rate (messages per second, at least 100 per department). */
    public synchronized void start(int rate) {
        if (sending) {
            throw new IllegalStateException("already sending");
        }
        sending = true;
        int perTick = Math.max(1, rate / departments / 100);
        for (int d = 0; d < departments; d++) {
            int department = d;
            Thread sender = new Thread(() -> send(department, perTick), prefix + "-devices-" + department(d));
            sender.setUncaughtExceptionHandler((thread, failure) -> {
                synchronized (failures) {
                    failures.add(failure);
                }
            });
            sender.start();
            senders.add(sender);
        }
    }

    /** Stops sending once every sender finished its tick; a sender's failure is thrown here. */
    public synchronized void stop() throws InterruptedException {
        sending = false;
        for (Thread sender : senders) {
            sender.join();
        }
        senders.clear();
        synchronized (failures) {
            if (!failures.isEmpty()) {
                throw new IllegalStateException("a device failed", failures.get(0));
            }
        }
    }

    private void send(int department, int perTick) {
        MqttAsyncClient client = clients.get(department);
        long next = System.nanoTime();
        long n = 0;
        while (sending) {
            for (int i = 0; i < perTick; i++, n++) {
                String device = device(department, (int) (n % devicesPerDepartment));
                AtomicLong last = lastSent.get(device);
                long seq = last.get() + 1;
                Instant now = Instant.now();
                long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
                try {
                    client.publish(topic(device), ("{\"seq\": " + seq + ", \"sent\": " + micros + "}")
                            .getBytes(StandardCharsets.UTF_8), 0, false);
                    last.set(seq);
                } catch (MqttException e) {
                    if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                        throw new IllegalStateException("device " + device + " could not publish: " + e, e);
                    }
                    refused.increment();
                }
            }
            next += TimeUnit.MILLISECONDS.toNanos(10);
            LockSupport.parkNanos(next - System.nanoTime()); // pacing the devices' rate
        }
    }

    /** Plain sockets with Nagle's algorithm off. */
    private static final class NoDelaySockets extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        private Socket connected(InetSocketAddress address) throws IOException {
            Socket socket = createSocket();
            socket.connect(address);
            return socket;
        }
    }

    @Override
    public void close() throws InterruptedException, MqttException {
        stop();
        for (MqttAsyncClient client : clients) {
            client.disconnect().waitForCompletion(10_000);
            client.close();
        }
    }
}
