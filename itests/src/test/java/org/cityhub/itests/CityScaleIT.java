package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import javax.inject.Inject;

import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingTypeRegistry;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.itests.gate.GateActivator;
import org.cityhub.itests.gate.GateFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Issue 24, item 1: a city of 20,000 things in one file loads beside the hub, which answers and tells how far the
 * load has come, and then every thing is ONLINE. The files' first thing is a gate valve the load changes, whose
 * handler takes until the test opens the gate to stop, so the test sees the hub answer while the load is
 * certainly not done.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CityScaleIT extends HubTestSupport {

    private static final int CITY = 20_000;
    private static final ThingUID GATE = ThingUID.parse("gate:valve:first");

    @Inject
    private ThingRegistry things;

    @Inject
    private ThingTypeRegistry types;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options(
                editConfigurationFilePut("etc/org.cityhub.things.cfg", "handlerTimeoutSeconds", "600"),
                CityHubDistribution.testBinding("gate", GateActivator.class, GateFactory.class));
    }

    @Test
    public void aCityOfTwentyThousandThingsLoadsWhileTheHubAnswersAndThenAllAreOnline() throws Exception {
        await("the gate binding").atMost(PATIENCE).until(() -> types.get(new ThingTypeUID("gate", "valve")).isPresent());
        Files.writeString(Path.of(System.getProperty("karaf.etc"), "things", "0-gate.json"), gate("Gate"));
        await("the gate").atMost(PATIENCE).until(() -> things.getStatus(GATE).status() == ThingStatus.ONLINE);
        Path folder = Files.createDirectories(Path.of(System.getProperty("karaf.data"), "city-scale"));
        Files.writeString(folder.resolve("0-gate.json"), gate("Gate, relabelled")); // applied first, by name
        Files.writeString(folder.resolve("city.json"), city());

        readThingFilesFrom(folder); // the watcher starts again on this folder: a first look, as at the hub's start

        await("the load waits at the gate").atMost(PATIENCE).until(() -> thingFiles().equals(
                String.format(Locale.ROOT, "starting: 0 of %,d things defined", CITY + 1)));
        assertThat(hub.get("/things?limit=5").status()).isEqualTo(200);
        assertThat(hub.get("/health/ready").status()).isEqualTo(503);
        assertThat(things.get(light(CITY - 1))).as("not yet defined").isEmpty();

        openTheGate();
        await("every file read").atMost(PATIENCE).until(() -> thingFiles().equals(
                String.format(Locale.ROOT, "%,d things from %s", CITY + 1, folder)));
        await("every light ONLINE").atMost(PATIENCE).until(() -> IntStream.range(0, CITY)
                .allMatch(i -> things.getStatus(light(i)).status() == ThingStatus.ONLINE));
        await("ready").atMost(PATIENCE).until(() -> hub.get("/health/ready").status() == 200);
        assertThat(things.getAll()).hasSizeGreaterThan(CITY);
    }

    private static String gate(String label) {
        return "{\"things\": [{\"uid\": \"" + GATE + "\", \"label\": \"" + label + "\"}]}";
    }

    private static String city() {
        StringBuilder json = new StringBuilder("{\"things\": [");
        for (int i = 0; i < CITY; i++) {
            json.append(i == 0 ? "\n{\"uid\": \"" : ",\n{\"uid\": \"").append(light(i)).append("\", \"label\": \"Light ").append(i)
                    .append("\", \"department\": \"public-lighting\", \"configuration\": {\"intervalSeconds\": 60}}");
        }
        return json.append("\n]}").toString();
    }

    private static ThingUID light(int i) {
        return ThingUID.parse("simulator:streetlight:scale-" + i);
    }

    private void readThingFilesFrom(Path folder) throws Exception {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("thingsDirectory", folder.toString());
        configurations.getConfiguration("org.cityhub.things.files", null).update(properties);
    }

    private String thingFiles() {
        return hub.get("/health").body().path("checks").path("thing-files").path("detail").asText();
    }

    private void openTheGate() throws Exception {
        List<ServiceReference<Runnable>> openers = List.copyOf(context.getServiceReferences(Runnable.class,
                "(cityhub.itest=gate)"));
        assertThat(openers).hasSize(1);
        context.getService(openers.get(0)).run();
    }
}
