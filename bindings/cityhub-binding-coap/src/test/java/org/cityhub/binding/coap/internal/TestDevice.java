package org.cityhub.binding.coap.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.UdpMulticastConnector;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;

/**
 * A constrained device imitated with a Californium server on loopback: resources whose content the test sets (an
 * observable one notifies its observers on each change), and one that records what it is sent.
 */
final class TestDevice implements AutoCloseable {

    /** A resource answering what the test sets, in a content format. */
    static final class Value extends CoapResource {
        private volatile byte[] payload = new byte[0];
        private volatile int format = MediaTypeRegistry.TEXT_PLAIN;

        Value(String name, boolean observable) {
            super(name);
            setObservable(observable);
            getAttributes().setTitle(name);
            if (observable) {
                getAttributes().setObservable();
            }
        }

        void set(int contentFormat, byte[] content) {
            format = contentFormat;
            payload = content;
            changed();
        }

        void set(int contentFormat, String content) {
            set(contentFormat, content.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.CONTENT, payload, format);
        }
    }

    /** A resource that records what it is sent. */
    static final class Actuator extends CoapResource {
        final List<String> received = new CopyOnWriteArrayList<>();

        Actuator(String name) {
            super(name);
        }

        @Override
        public void handlePUT(CoapExchange exchange) {
            received.add("PUT " + exchange.getRequestText());
            exchange.respond(ResponseCode.CHANGED);
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            received.add("POST " + exchange.getRequestText());
            exchange.respond(ResponseCode.CHANGED);
        }
    }

    private final CoapServer server;
    private final int port;

    private TestDevice(CoapServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** A device on UDP, on the given port (0: any free one), with the resources. */
    static TestDevice udp(int port, CoapResource... resources) {
        Configuration configuration = Configuration.createStandardWithoutFile();
        CoapServer server = new CoapServer(configuration);
        server.addEndpoint(CoapEndpoint.builder().setConfiguration(configuration)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", port)).build());
        server.add(resources);
        server.start();
        return new TestDevice(server, server.getEndpoints().get(0).getAddress().getPort());
    }

    /** A device on DTLS that knows one pre-shared key. */
    static TestDevice dtls(String identity, byte[] key, CoapResource... resources) {
        Configuration configuration = Configuration.createStandardWithoutFile();
        AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
        keys.setKey(identity, key);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(configuration)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                .setAddress(new InetSocketAddress("127.0.0.1", 0)).setAdvancedPskStore(keys).build();
        CoapServer server = new CoapServer(configuration);
        server.addEndpoint(CoapEndpoint.builder().setConfiguration(configuration).setConnector(new DTLSConnector(dtls))
                .build());
        server.add(resources);
        server.start();
        return new TestDevice(server, server.getEndpoints().get(0).getAddress().getPort());
    }

    /** A device on DTLS with a certificate (and its key as raw public key); it does not ask for the hub's. */
    static TestDevice dtls(PrivateKey key, X509Certificate[] chain, CoapResource... resources) {
        Configuration configuration = Configuration.createStandardWithoutFile();
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(configuration)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                .set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .setCertificateIdentityProvider(new SingleCertificateProvider(key, chain, CertificateType.X_509,
                        CertificateType.RAW_PUBLIC_KEY)).build();
        CoapServer server = new CoapServer(configuration);
        server.addEndpoint(CoapEndpoint.builder().setConfiguration(configuration).setConnector(new DTLSConnector(dtls))
                .build());
        server.add(resources);
        server.start();
        return new TestDevice(server, server.getEndpoints().get(0).getAddress().getPort());
    }

    /**
     * A device on the first multicast-capable interface that also listens to All CoAP Nodes (224.0.1.187) on its
     * port, as devices on a city network do; null if this machine has no such interface.
     */
    static TestDevice multicast(int port, CoapResource... resources) throws IOException {
        NetworkInterface networkInterface = null;
        InetAddress address = null;
        search:
        for (NetworkInterface candidate : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (candidate.isUp() && !candidate.isLoopback() && candidate.supportsMulticast()) {
                for (InetAddress a : Collections.list(candidate.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        networkInterface = candidate;
                        address = a;
                        break search; // the first usable one, as the comment above says
                    }
                }
            }
        }
        if (address == null) {
            return null;
        }
        Configuration configuration = Configuration.createStandardWithoutFile();
        UDPConnector unicast = new UDPConnector(new InetSocketAddress(address, port), configuration);
        unicast.setReuseAddress(true);
        UdpMulticastConnector group = new UdpMulticastConnector.Builder().setConfiguration(configuration)
                .setLocalAddress(CoAP.MULTICAST_IPV4, port).addMulticastGroup(CoAP.MULTICAST_IPV4, networkInterface)
                .setMulticastReceiver(true).build();
        group.setLoopbackMode(true);
        unicast.addMulticastReceiver(group);
        CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(configuration).setConnector(unicast).build();
        CoapServer server = new CoapServer(configuration);
        server.addEndpoint(endpoint);
        server.add(resources);
        server.start();
        return new TestDevice(server, port);
    }

    /** The address the device answers from. */
    String host() {
        return server.getEndpoints().get(0).getAddress().getAddress().getHostAddress();
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        server.destroy();
    }
}
