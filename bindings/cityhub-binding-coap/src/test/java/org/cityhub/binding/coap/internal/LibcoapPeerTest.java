package org.cityhub.binding.coap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.Text;
import org.cityhub.test.HandlerHarness;
import org.cityhub.test.PeerProgram;
import org.cityhub.test.TestOutboundPolicy;
import org.cityhub.test.ThingConfiguration;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/**
 * The binding against libcoap's {@code coap-server} (C, from the OS package), a CoAP implementation it was not
 * built on (the other tests imitate devices with Californium): observation of libcoap's own clock, block-wise
 * transfers, SenML-CBOR, PUT and POST commands, 4.04 as a configuration error, and IPv6. Resources are put on the
 * server by PUT, which libcoap's {@code -d} turns into resources of their own, observable like any other.
 */
class LibcoapPeerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TestOutboundPolicy OUTBOUND = new TestOutboundPolicy();
    private static CoapEndpoints endpoints;
    private static CoapHandlerFactory factory;

    @TempDir
    Path folder;
    private PeerProgram server;
    private String base;

    @BeforeAll
    static void endpoints() throws IOException {
        endpoints = TestEndpoints.with(2000, 4); // Californium's defaults, as the hub runs
        factory = new CoapHandlerFactory(endpoints, OUTBOUND);
    }

    @AfterAll
    static void closeEndpoints() {
        endpoints.stop();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private void startServer(String address) throws IOException {
        Path program = PeerProgram.require("libcoap3-bin", "coap-server", "coap-server-notls", "coap-server-openssl",
                "coap-server-gnutls");
        int port = freeUdpPort();
        base = "coap://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        server = PeerProgram.start(folder, List.of(program.toString(), "-A", address, "-p", Integer.toString(port),
                "-d", "50")).awaitReady(() -> answers(base), WAIT);
    }

    private static boolean answers(String base) {
        try {
            CoapClient client = new CoapClient(base + "/").setTimeout(200L);
            try {
                return client.get() != null;
            } finally {
                client.shutdown();
            }
        } catch (ConnectorException | IOException e) {
            return false;
        }
    }

    /** Puts a resource on the server (libcoap makes it, observable, and notifies its observers of each PUT). */
    private void put(String path, int contentFormat, byte[] payload) throws Exception {
        CoapClient client = new CoapClient(base + "/" + path).setTimeout(5_000L);
        try {
            CoapResponse response = client.put(payload, contentFormat);
            assertThat(response).as("PUT " + path).isNotNull();
            assertThat(response.isSuccess()).as("PUT " + path + ": " + response.getCode()).isTrue();
        } finally {
            client.shutdown();
        }
    }

    private String get(String path) throws Exception {
        CoapClient client = new CoapClient(base + "/" + path).setTimeout(5_000L);
        try {
            return client.get().getResponseText();
        } finally {
            client.shutdown();
        }
    }

    private static HandlerHarness device(String baseUri, List<Map<String, Object>> channels) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("baseUri", baseUri);
        configuration.put("channels", channels);
        return HandlerHarness.start(factory, new Thing(ThingUID.parse("coap:device:libcoap"), "libcoap", null, null,
                null, Set.of(), Map.of(), configuration));
    }

    private static Map<String, Object> channel(String id, String itemType, Object... settings) {
        return ThingConfiguration.channel(id, itemType, settings);
    }

    @Test
    void libcoapsClockIsObservedAndBlockwiseJsonAndSenmlCborArrive() throws Exception {
        startServer("127.0.0.1");
        put("gauge", MediaTypeRegistry.APPLICATION_JSON, gaugeDocument(231));
        put("quay", MediaTypeRegistry.APPLICATION_SENML_CBOR, new ObjectMapper(new CBORFactory()).writeValueAsBytes(
                List.of(Map.of("bn", "urn:dev:quay-2:", "n", "level", "u", "cm", "v", 182.5),
                        Map.of("n", "battery", "u", "%EL", "v", 77))));
        HandlerHarness thing = device(base, List.of(
                channel("clock", "text", "path", "time"),
                channel("gauge", "number", "unit", "cm", "path", "gauge", "transform", "jsonpath:$.level"),
                channel("level", "number", "path", "quay", "senmlName", "urn:dev:quay-2:level"),
                channel("battery", "number", "path", "quay", "senmlName", "urn:dev:quay-2:battery")));

        thing.runUntil(() -> thing.states("gauge").size() == 1 && thing.states("level").size() == 1
                && thing.states("battery").size() == 1 && thing.states("clock").size() >= 2, WAIT);
        assertThat(thing.status().status()).isEqualTo(ThingStatus.ONLINE);
        assertThat(thing.state("gauge")).isEqualTo(new NumberValue(BigDecimal.valueOf(231), "cm"));
        assertThat(thing.state("level")).isEqualTo(new NumberValue(new BigDecimal("182.5"), "cm"));
        assertThat(thing.state("battery")).isEqualTo(new NumberValue(BigDecimal.valueOf(77), "%"));
        // libcoap notifies its clock's observers once a second, by itself
        assertThat(thing.states("clock")).doesNotHaveDuplicates()
                .allSatisfy(state -> assertThat(((Text) state).value()).matches("\\w{3} \\d{2} .*"));

        put("gauge", MediaTypeRegistry.APPLICATION_JSON, gaugeDocument(240));
        thing.runUntil(() -> thing.states("gauge").size() == 2, WAIT);
        assertThat(thing.state("gauge")).isEqualTo(new NumberValue(BigDecimal.valueOf(240), "cm"));
        assertThat(thing.inputErrors()).isEmpty();
    }

    /** A JSON document of about 6 KB: libcoap sends it in blocks of 1,024 bytes. */
    private static byte[] gaugeDocument(int level) {
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            readings.add("{\"minute\": " + i + ", \"level\": " + (level - i % 7) + "}");
        }
        byte[] document = ("{\"level\": " + level + ", \"history\": [" + String.join(", ", readings) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(document.length).isGreaterThan(4 * 1024);
        return document;
    }

    @Test
    void commandsArePutAndPostedAndAMissingResourceIsAConfigurationError() throws Exception {
        startServer("127.0.0.1");
        put("lamp", MediaTypeRegistry.TEXT_PLAIN, "0".getBytes(StandardCharsets.UTF_8));
        put("siren", MediaTypeRegistry.TEXT_PLAIN, "idle".getBytes(StandardCharsets.UTF_8));
        HandlerHarness thing = device(base, List.of(
                channel("lamp", "onoff", "readOnly", false, "path", "lamp", "transform", "map:1=ON,0=OFF",
                        "commandTransform", "map:ON=1,OFF=0"),
                channel("siren", "text", "readOnly", false, "commandPath", "siren", "commandMethod", "POST")));
        thing.runUntil(() -> thing.states("lamp").size() == 1, WAIT);
        assertThat(thing.state("lamp")).isEqualTo(OnOff.OFF);

        thing.command("lamp", OnOff.ON);
        thing.runUntil(() -> thing.states("lamp").size() == 2, WAIT); // libcoap notifies the observer of the PUT
        assertThat(thing.state("lamp")).isEqualTo(OnOff.ON);
        assertThat(get("lamp")).isEqualTo("1");
        thing.command("siren", new Text("wail"));
        thing.runUntil(() -> "wail".equals(getQuietly("siren")), WAIT);

        HandlerHarness missing = device(base, List.of(channel("level", "number", "path", "no-such-gauge")));
        missing.runUntil(() -> missing.status().status() == ThingStatus.OFFLINE, WAIT);
        assertThat(missing.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(missing.status().message()).contains("4.04");
    }

    private String getQuietly(String path) {
        try {
            return get(path);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDeviceOnIpv6IsReadLikeAnyOther() throws Exception {
        Assumptions.assumeTrue(ipv6Loopback(), "this machine has no IPv6 loopback (::1)");
        startServer("::1");
        put("gauge", MediaTypeRegistry.TEXT_PLAIN, "17".getBytes(StandardCharsets.UTF_8));
        HandlerHarness thing = device(base, List.of(channel("gauge", "number", "path", "gauge")));
        thing.runUntil(() -> thing.states("gauge").size() == 1, WAIT);
        assertThat(base).startsWith("coap://[::1]:");
        assertThat(thing.state("gauge")).isEqualTo(new NumberValue(BigDecimal.valueOf(17), null));
    }

    private static boolean ipv6Loopback() throws IOException {
        InetAddress loopback = InetAddress.getByName("::1");
        return loopback instanceof Inet6Address && NetworkInterface.getByInetAddress(loopback) != null;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
