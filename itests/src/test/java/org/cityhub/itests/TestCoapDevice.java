package org.cityhub.itests;

import java.net.InetSocketAddress;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * A CoAP device (a Californium server) in the test driver's JVM for the whole run, outside every hub the tests
 * boot: a counter that notifies its observers twice a second, a water gauge answering SenML, and a lamp that
 * takes PUT and reports its state to observers. Only the driver touches this class.
 */
final class TestCoapDevice {

    private static CoapServer server;
    private static int port;

    private TestCoapDevice() {
    }

    /** Starts the device once; returns its port. */
    static synchronized int start() {
        if (server == null) {
            CoapConfig.register();
            UdpConfig.register();
            Configuration configuration = Configuration.createStandardWithoutFile();
            server = new CoapServer(configuration);
            server.addEndpoint(CoapEndpoint.builder().setConfiguration(configuration)
                    .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
            Counter counter = new Counter();
            server.add(counter, new Gauge(), new Lamp());
            server.start();
            port = server.getEndpoints().get(0).getAddress().getPort();
            new Timer("coap-counter", true).schedule(new TimerTask() {
                @Override
                public void run() {
                    counter.tick();
                }
            }, 500, 500);
        }
        return port;
    }

    private static final class Counter extends CoapResource {
        private final AtomicInteger count = new AtomicInteger();

        Counter() {
            super("counter");
            setObservable(true);
            getAttributes().setObservable();
            getAttributes().setTitle("Vehicles counted");
        }

        void tick() {
            count.incrementAndGet();
            changed();
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.CONTENT, Integer.toString(count.get()), MediaTypeRegistry.TEXT_PLAIN);
        }
    }

    private static final class Gauge extends CoapResource {
        Gauge() {
            super("gauge");
            getAttributes().addContentType(MediaTypeRegistry.APPLICATION_SENML_JSON);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.CONTENT, "[{\"bn\": \"urn:dev:gauge-7:\", \"n\": \"level\", \"u\": \"cm\","
                    + " \"v\": 182.5}]", MediaTypeRegistry.APPLICATION_SENML_JSON);
        }
    }

    private static final class Lamp extends CoapResource {
        private volatile String state = "0";

        Lamp() {
            super("lamp");
            setObservable(true);
            getAttributes().setObservable();
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.CONTENT, state, MediaTypeRegistry.TEXT_PLAIN);
        }

        @Override
        public void handlePUT(CoapExchange exchange) {
            state = exchange.getRequestText().trim();
            exchange.respond(ResponseCode.CHANGED);
            changed();
        }
    }
}
