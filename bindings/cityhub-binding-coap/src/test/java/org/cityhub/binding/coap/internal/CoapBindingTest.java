package org.cityhub.binding.coap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.discovery.DiscoveryListener;
import org.cityhub.api.discovery.DiscoveryResult;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.tls.PemMaterial;
import org.cityhub.test.HandlerHarness;
import org.cityhub.test.TestOutboundPolicy;
import org.cityhub.test.TestCertificates;
import org.cityhub.test.ThingConfiguration;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/** CoAP devices over real UDP (and DTLS) on loopback, imitated with Californium servers. */
class CoapBindingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static CoapEndpoints endpoints;
    private static CoapHandlerFactory factory;
    private static final TestOutboundPolicy OUTBOUND = new TestOutboundPolicy();

    private final TestDevice.Value temperature = new TestDevice.Value("temperature", true);
    private final TestDevice.Value air = new TestDevice.Value("air", true);
    private final TestDevice.Value gauge = new TestDevice.Value("gauge", true);
    private final TestDevice.Value cbor = new TestDevice.Value("cbor", false);
    private final TestDevice.Value battery = new TestDevice.Value("battery", false);
    private final TestDevice.Actuator light = new TestDevice.Actuator("light");
    private TestDevice device;

    @BeforeAll
    static void endpoints() throws IOException {
        // a second per acknowledgement, twice retransmitted: on loopback a live device is never that slow, even on
        // a loaded machine, and a dead one is noticed within about 10 s (Californium's defaults would take 93 s)
        endpoints = TestEndpoints.with(1000, 2);
        factory = new CoapHandlerFactory(endpoints, OUTBOUND);
    }

    @AfterAll
    static void closeEndpoints() {
        endpoints.stop();
    }

    @AfterEach
    void stopDevice() {
        OUTBOUND.admitAll();
        if (device != null) {
            device.close();
        }
    }

    private HandlerHarness start(String baseUri, Object... more) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("baseUri", baseUri);
        configuration.put("channels", List.of(
                channel("temperature", "number", "path", "temperature", "unit", "°C"),
                channel("pm25", "number", "path", "air", "transform", List.of("jsonpath:$.pm25", "range:0,1000")),
                channel("level", "number", "path", "gauge", "senmlName", "urn:dev:gauge-7:level"),
                channel("battery", "number", "path", "gauge", "senmlName", "urn:dev:gauge-7:battery"),
                channel("no2", "number", "path", "cbor", "transform", "jsonpath:$.no2"),
                channel("charge", "number", "path", "battery", "observe", false),
                channel("lamp", "onoff", "readOnly", false, "commandPath", "light", "commandTransform", "map:ON=1,OFF=0")));
        for (int i = 0; i < more.length; i += 2) {
            configuration.put((String) more[i], more[i + 1] instanceof Integer n ? BigDecimal.valueOf(n) : more[i + 1]);
        }
        return HandlerHarness.start(factory, new Thing(ThingUID.parse("coap:device:bridge-3"), "Bridge 3", null, null,
                null, Set.of(), Map.of(), configuration));
    }

    private static Map<String, Object> channel(String id, String itemType, Object... settings) {
        return ThingConfiguration.channel(id, itemType, settings);
    }

    private void startDevice(int port) {
        device = TestDevice.udp(port, temperature, air, gauge, cbor, battery, light);
    }

    private void setValues() throws IOException {
        temperature.set(MediaTypeRegistry.TEXT_PLAIN, "21.5");
        air.set(MediaTypeRegistry.APPLICATION_JSON, "{\"pm25\": 12}");
        gauge.set(MediaTypeRegistry.APPLICATION_SENML_JSON, "[{\"bn\": \"urn:dev:gauge-7:\", \"n\": \"level\","
                + " \"u\": \"cm\", \"v\": 182.5}, {\"n\": \"battery\", \"u\": \"%EL\", \"v\": 77}]");
        cbor.set(MediaTypeRegistry.APPLICATION_CBOR, new ObjectMapper(new CBORFactory()).writeValueAsBytes(Map.of("no2", 41)));
        battery.set(MediaTypeRegistry.TEXT_PLAIN, "93");
    }

    @Test
    void observedResourcesInEveryFormatBecomeStatesAndChangesArriveByThemselves() throws IOException {
        startDevice(0);
        setValues();
        HandlerHarness bridge = start("coap://127.0.0.1:" + device.port());

        bridge.runUntil(() -> bridge.states("temperature").size() == 1 && bridge.states("pm25").size() == 1
                && bridge.states("level").size() == 1 && bridge.states("battery").size() == 1
                && bridge.states("no2").size() == 1 && bridge.states("charge").size() == 1, WAIT);
        assertThat(bridge.status().status()).isEqualTo(ThingStatus.ONLINE);
        assertThat(bridge.state("temperature")).isEqualTo(new NumberValue(new BigDecimal("21.5"), "°C"));
        assertThat(bridge.state("pm25")).isEqualTo(new NumberValue(BigDecimal.valueOf(12), null));
        assertThat(bridge.state("level")).isEqualTo(new NumberValue(new BigDecimal("182.5"), "cm"));
        assertThat(bridge.state("battery")).isEqualTo(new NumberValue(BigDecimal.valueOf(77), "%"));
        assertThat(bridge.state("no2")).isEqualTo(new NumberValue(BigDecimal.valueOf(41), null));

        temperature.set(MediaTypeRegistry.TEXT_PLAIN, "22.0");
        bridge.runUntil(() -> bridge.states("temperature").size() == 2, WAIT);
        assertThat(bridge.state("temperature")).isEqualTo(new NumberValue(new BigDecimal("22.0"), "°C"));

        battery.set(MediaTypeRegistry.TEXT_PLAIN, "92");
        bridge.scheduler().advance(Duration.ofSeconds(60));
        bridge.runUntil(() -> bridge.states("charge").size() == 2, WAIT);
        assertThat(bridge.state("charge")).isEqualTo(new NumberValue(BigDecimal.valueOf(92), null));
        assertThat(bridge.inputErrors()).isEmpty();
    }

    /** Issue 17, item 3: every request asks the outbound policy; a refusal is a configuration error, retried. */
    @Test
    void aDeviceTheOutboundPolicyRefusesIsAConfigurationErrorAndGetsNoRequest() throws IOException {
        startDevice(0);
        setValues();
        OUTBOUND.refuse("127.0.0.1");
        HandlerHarness bridge = start("coap://127.0.0.1:" + device.port());

        bridge.runUntil(() -> bridge.status().status() == ThingStatus.OFFLINE, WAIT);
        assertThat(bridge.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(bridge.status().message()).contains("the outbound policy refuses 127.0.0.1 port " + device.port());
        bridge.command("lamp", OnOff.ON);
        assertThat(light.received).isEmpty();
        assertThat(bridge.states("temperature")).isEmpty();

        OUTBOUND.admitAll();
        bridge.scheduler().advance(Duration.ofSeconds(10));
        bridge.runUntil(() -> bridge.status().status() == ThingStatus.ONLINE, WAIT);
    }

    @Test
    void commandsArePutWithTheirPayload() throws IOException {
        startDevice(0);
        setValues();
        HandlerHarness bridge = start("coap://127.0.0.1:" + device.port());
        bridge.runUntil(() -> bridge.status().status() == ThingStatus.ONLINE, WAIT);

        bridge.command("lamp", OnOff.ON);
        bridge.runUntil(() -> bridge.states("lamp").size() == 1, WAIT);

        assertThat(light.received).containsExactly("PUT 1");
        assertThat(bridge.state("lamp")).isEqualTo(OnOff.ON);
    }

    @Test
    void badPayloadsMarkTheirChannelsAndTheRestCarriesOn() throws IOException {
        startDevice(0);
        setValues();
        air.set(MediaTypeRegistry.APPLICATION_JSON, "{\"pm25\": ");
        gauge.set(MediaTypeRegistry.APPLICATION_SENML_CBOR, new byte[] { (byte) 0x9f, 0x01 });
        cbor.set(MediaTypeRegistry.APPLICATION_XML, "<no2>41</no2>");
        HandlerHarness bridge = start("coap://127.0.0.1:" + device.port(), "maxPayloadKilobytes", 1);
        bridge.runUntil(() -> bridge.states("temperature").size() == 1 && bridge.inputErrors().size() >= 4, WAIT);

        assertThat(bridge.inputErrors()).anySatisfy(e -> assertThat(e).startsWith("pm25: air: ").contains("not JSON"))
                .anySatisfy(e -> assertThat(e).startsWith("level: gauge: ").contains("not SenML CBOR"))
                .anySatisfy(e -> assertThat(e).startsWith("no2: cbor: ").contains("is not one the binding reads"));
        temperature.set(MediaTypeRegistry.TEXT_PLAIN, "x".repeat(2000));
        bridge.runUntil(() -> bridge.inputErrors().stream().anyMatch(e -> e.contains("larger than maxPayloadKilobytes")),
                WAIT);
        air.set(MediaTypeRegistry.APPLICATION_JSON, "{\"pm25\": 5000}");
        bridge.runUntil(() -> bridge.inputErrors().stream().anyMatch(e -> e.contains("5000 is out of range")), WAIT);
        assertThat(bridge.states("pm25")).isEmpty();
        assertThat(bridge.state("temperature")).isEqualTo(new NumberValue(new BigDecimal("21.5"), "°C"));
        assertThat(bridge.status().status()).isEqualTo(ThingStatus.ONLINE);
    }

    @Test
    void aDeviceThatRestartsIsOfflineMeanwhileAndObservedAgainAfterwards() throws IOException {
        startDevice(0);
        setValues();
        int port = device.port();
        HandlerHarness bridge = start("coap://127.0.0.1:" + port, "pollSeconds", 30);
        bridge.runUntil(() -> bridge.states("temperature").size() == 1, WAIT);

        device.close();
        bridge.command("temperature", org.cityhub.api.types.Refresh.REFRESH);
        bridge.runUntil(() -> bridge.status().status() == ThingStatus.OFFLINE, WAIT);
        assertThat(bridge.status().detail()).isEqualTo(ThingStatusDetail.COMMUNICATION_ERROR);
        assertThat(bridge.status().message()).contains("no answer from coap://127.0.0.1:" + port);

        startDevice(port);
        temperature.set(MediaTypeRegistry.TEXT_PLAIN, "19.0");
        bridge.runUntil(() -> {
            bridge.scheduler().advance(Duration.ofSeconds(10));
            return bridge.state("temperature").equals(new NumberValue(new BigDecimal("19.0"), "°C"));
        }, WAIT);
        temperature.set(MediaTypeRegistry.TEXT_PLAIN, "18.5");
        bridge.runUntil(() -> {
            bridge.scheduler().advance(Duration.ofSeconds(10));
            return bridge.state("temperature").equals(new NumberValue(new BigDecimal("18.5"), "°C"));
        }, WAIT);
        // a request that went out while the device was down may still fail late; the next answer mends it
        bridge.runUntil(() -> {
            bridge.scheduler().advance(Duration.ofSeconds(10));
            return bridge.status().status() == ThingStatus.ONLINE;
        }, WAIT);
    }

    @Test
    void dtlsWithAPreSharedKeyReadsLikePlainUdp() throws IOException {
        device = TestDevice.dtls("bridge-3", "s3cret-key".getBytes(StandardCharsets.UTF_8), temperature);
        temperature.set(MediaTypeRegistry.TEXT_PLAIN, "20.5");
        HandlerHarness bridge = start("coaps://127.0.0.1:" + device.port(), "pskIdentity", "bridge-3",
                "pskKey", "s3cret-key");
        bridge.runUntil(() -> bridge.states("temperature").size() == 1, WAIT);
        assertThat(bridge.state("temperature")).isEqualTo(new NumberValue(new BigDecimal("20.5"), "°C"));

        HandlerHarness wrongKey = start("coaps://127.0.0.1:" + device.port(), "pskIdentity", "bridge-3",
                "pskKey", "0x00112233");
        wrongKey.runUntil(() -> wrongKey.status().status() == ThingStatus.OFFLINE, WAIT);
        assertThat(wrongKey.states("temperature")).isEmpty();
        assertThat(wrongKey.status().message()).doesNotContain("00112233");

        HandlerHarness noKey = start("coaps://127.0.0.1:" + device.port());
        assertThat(noKey.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(noKey.status().message()).contains("needs pskIdentity and pskKey, or trustedCertificates, or serverPublicKey");
    }

    @Test
    void dtlsWithCertificatesOrARawPublicKeyTrustsOnlyWhatItIsTold(@TempDir Path folder) throws Exception {
        TestCertificates certificates = TestCertificates.create(folder);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.serverKeyStore())) {
            store.load(in, certificates.password().toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("server", certificates.password().toCharArray());
        Certificate[] chain = store.getCertificateChain("server");
        X509Certificate[] x509 = Arrays.copyOf(chain, chain.length, X509Certificate[].class);
        device = TestDevice.dtls(key, x509, temperature);
        temperature.set(MediaTypeRegistry.TEXT_PLAIN, "19.5");
        String uri = "coaps://127.0.0.1:" + device.port();

        HandlerHarness byCertificate = start(uri, "trustedCertificates", certificates.caCertificate().toString());
        byCertificate.runUntil(() -> byCertificate.states("temperature").size() == 1, WAIT);
        HandlerHarness byKey = start(uri, "serverPublicKey", PemMaterial.pem(chain[0].getPublicKey()));
        byKey.runUntil(() -> byKey.states("temperature").size() == 1, WAIT);

        Path stranger = folder.resolve("stranger");
        Files.createDirectories(stranger);
        HandlerHarness untrusting = start(uri, "trustedCertificates",
                TestCertificates.create(stranger).caCertificate().toString());
        untrusting.runUntil(() -> untrusting.status().status() == ThingStatus.OFFLINE, WAIT);
        assertThat(untrusting.states("temperature")).isEmpty();
    }

    @Test
    void aMulticastScanOffersEveryDeviceThatAnswers() throws Exception {
        int port;
        try (DatagramSocket free = new DatagramSocket(0)) {
            port = free.getLocalPort();
        }
        device = TestDevice.multicast(port, temperature, air);
        Assumptions.assumeTrue(device != null, "this machine has no multicast-capable network interface");
        CoapDiscovery discovery = new CoapDiscovery(endpoints, new CoapDiscovery.Config() {
            @Override
            public String addresses() {
                return "";
            }

            @Override
            public boolean multicast() {
                return true;
            }

            @Override
            public int multicastPort() {
                return port;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return CoapDiscovery.Config.class;
            }
        });
        Map<ThingUID, DiscoveryResult> inbox = new ConcurrentHashMap<>();
        discovery.scan(new DiscoveryListener() {
            @Override
            public void discovered(DiscoveryResult result) {
                inbox.put(result.thingUID(), result);
            }

            @Override
            public void vanished(ThingUID thingUID) {
                inbox.remove(thingUID);
            }
        });

        ThingUID expected = new ThingUID(CoapHandlerFactory.DEVICE, (device.host() + "_" + port).replace('.', '_'));
        await().atMost(WAIT).until(() -> inbox.containsKey(expected));
        assertThat(inbox.get(expected).configuration()).containsEntry("baseUri", "coap://" + device.host() + ":" + port);
        assertThat(inbox.get(expected).configuration().get("channels").toString()).contains("/temperature")
                .contains("/air");
    }

    @Test
    void theLinkFormatOffersEveryResourceAsAChannel() {
        DiscoveryResult result = CoapDiscovery.result("coap://10.0.4.7:5683", "</.well-known/core>;ct=40,"
                + "</sensors/temp>;rt=\"temperature\";title=\"Deck temperature\";obs,</gauge>;ct=110;obs,</light>");

        assertThat(result.thingUID()).isEqualTo(ThingUID.parse("coap:device:10_0_4_7_5683"));
        assertThat(result.configuration()).containsEntry("baseUri", "coap://10.0.4.7:5683");
        List<?> channels = (List<?>) result.configuration().get("channels");
        Map<Object, Map<Object, Object>> byId = new LinkedHashMap<>();
        channels.forEach(c -> byId.put(((Map<?, ?>) c).get("id"), new LinkedHashMap<Object, Object>((Map<?, ?>) c)));
        assertThat(byId).containsOnlyKeys("sensors_temp", "gauge", "light");
        assertThat(byId.get("gauge")).containsEntry("itemType", "number").containsEntry("observe", true);
        assertThat(byId.get("sensors_temp")).containsEntry("label", "Deck temperature").containsEntry("path", "/sensors/temp");
        assertThat(byId.get("light")).containsEntry("itemType", "text").containsEntry("observe", false);
    }
}
