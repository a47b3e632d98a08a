package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.inject.Inject;

import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingUID;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The CoAP binding in the distribution against a real device over UDP on loopback (a Californium server in the
 * test driver's JVM): a things file adds it by URI, its observed counter reaches /api/things and /api/events as
 * it changes, its SenML gauge carries its unit, a command reaches its lamp, and its /.well-known/core offers it in
 * the inbox.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class CoapBindingIT extends HubTestSupport {

    private static final String PORT = "cityhub.test.coap.port";
    private static final ThingUID DEVICE = ThingUID.parse("coap:device:counter-3");

    @Inject
    private ThingRegistry things;

    @Configuration
    public Option[] configuration() {
        String port = Integer.toString(TestCoapDevice.start());
        return CityHubDistribution.options(systemProperty(PORT).value(port),
                editConfigurationFilePut("etc/org.cityhub.binding.coap.discovery.cfg", "addresses",
                        "coap://127.0.0.1:" + port));
    }

    @After
    public void removeTheFile() throws Exception {
        Files.deleteIfExists(thingsFile());
    }

    @Test
    public void aDeviceAddedByUriIsObservedAndCommanded() throws Exception {
        try (HubClient.SseRecorder events = hub.record("?topics=cityhub/things/" + DEVICE + "/channels/count/state")) {
            Files.writeString(thingsFile(), "{\"things\": [{\"uid\": \"" + DEVICE + "\", \"label\": \"Counter 3, bridge\","
                    + " \"department\": \"transport\", \"configuration\": {\"baseUri\": \"coap://127.0.0.1:"
                    + System.getProperty(PORT) + "\", \"channels\": ["
                    + "{\"id\": \"count\", \"itemType\": \"number\", \"path\": \"counter\"},"
                    + "{\"id\": \"level\", \"itemType\": \"number\", \"path\": \"gauge\", \"senmlName\": \"urn:dev:gauge-7:level\"},"
                    + "{\"id\": \"lamp\", \"itemType\": \"onoff\", \"readOnly\": false, \"path\": \"lamp\","
                    + " \"transform\": \"map:1=ON,0=OFF\", \"commandTransform\": \"map:ON=1,OFF=0\"}]}}]}");

            await("device online").atMost(PATIENCE).until(() -> things.getStatus(DEVICE).status() == ThingStatus.ONLINE);
            await("observed changes").atMost(PATIENCE).until(() -> events.count("state") >= 3);
        }
        JsonNode device = hub.get("/things/" + DEVICE).body();
        assertThat(device.at("/states/count/value").asInt()).isPositive();
        assertThat(device.at("/states/level/value").asDouble()).isEqualTo(182.5);
        assertThat(device.at("/states/level/unit").asText()).isEqualTo("cm");
        assertThat(device.at("/states/lamp/value").asText()).isEqualTo("OFF");

        assertThat(hub.postJson("/things/" + DEVICE + "/channels/lamp/command", "{\"command\": \"ON\"}").status())
                .isEqualTo(202);
        await("the lamp reports ON").atMost(PATIENCE).until(() -> hub.get("/things/" + DEVICE).body()
                .at("/states/lamp/value").asText().equals("ON"));
        assertThat(hub.get("/things/" + DEVICE).body().at("/inputErrors/count").asInt()).isZero();
    }

    @Test
    public void theDevicesResourcesAreOfferedInTheInbox() {
        assertThat(hub.postJson("/inbox/scan", "{}").status()).isEqualTo(202);
        String uid = "coap:device:127_0_0_1_" + System.getProperty(PORT);
        await("in the inbox").atMost(PATIENCE).until(() -> hub.get("/inbox").body().toString().contains(uid));
        String entry = hub.get("/inbox").body().toString();
        assertThat(entry).contains("\"path\":\"/counter\"").contains("\"path\":\"/gauge\"").contains("\"path\":\"/lamp\"");
    }

    private static Path thingsFile() {
        return Path.of(System.getProperty("karaf.etc"), "things", "coap-devices.json");
    }
}
