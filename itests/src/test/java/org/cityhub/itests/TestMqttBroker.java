package org.cityhub.itests;

import java.io.IOException;
import java.util.Properties;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

/**
 * A real MQTT broker (Moquette) in the test driver's JVM, outside every hub the tests boot, for the whole run. Only
 * the driver touches this class: inside the container Moquette is not on the class path.
 */
final class TestMqttBroker {

    private static Server broker;
    private static String port;

    private TestMqttBroker() {
    }

    /** Starts the broker once; returns its port. */
    static synchronized String start() throws IOException {
        if (broker == null) {
            port = CityHubDistribution.freePort();
            Properties properties = new Properties();
            properties.setProperty("host", "127.0.0.1");
            properties.setProperty("port", port);
            properties.setProperty("persistence_enabled", "false");
            properties.setProperty("telemetry_enabled", "false");
            broker = new Server();
            broker.startServer(new MemoryConfig(properties));
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stopServer, "test-mqtt-broker-stop"));
        }
        return port;
    }
}
