package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingTypeRegistry;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * A vendor's binding, generated from the archetype and built by the archetype's integration test, added to a
 * running hub each of the three documented ways: bundle:install, the deploy folder, and feature:install from its
 * features repository. Each time its sensor comes ONLINE and takes a command; removing it stops its thing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class VendorBindingIT extends HubTestSupport {

    private static final String JAR = "cityhub.vendor.binding";
    private static final ThingTypeUID SENSOR = ThingTypeUID.parse("acme:sensor");
    private static final ThingUID THING = ThingUID.parse("acme:sensor:first");

    @Inject
    private ThingRegistry things;

    @Inject
    private ThingTypeRegistry types;

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options(systemProperty(JAR).value(System.getProperty(JAR)));
    }

    @Before
    public void defineTheSensor() {
        assertThat(hub.postJson("/things", "{\"uid\": \"" + THING + "\", \"label\": \"First sensor\","
                + " \"department\": \"environment\", \"configuration\": {\"host\": \"10.0.0.7\"}}").status())
                .isEqualTo(201);
    }

    @Test
    public void aJarInstalledWithBundleInstallRunsItsThing() {
        assertThat(console("bundle:install -s file:" + jar())).contains("Bundle ID");
        sensorWorks();

        console("bundle:uninstall com.example.vendor.cityhub-binding-acme");
        await("sensor stopped").atMost(PATIENCE).until(() -> things.getStatus(THING).status() != ThingStatus.ONLINE);
        assertThat(types.get(SENSOR)).isEmpty();
    }

    @Test
    public void aJarDroppedIntoDeployRunsItsThing() throws Exception {
        Path deployed = Path.of(System.getProperty("karaf.base"), "deploy", "cityhub-binding-acme.jar");
        Files.copy(jar(), deployed, StandardCopyOption.REPLACE_EXISTING);
        sensorWorks();

        Files.delete(deployed);
        await("sensor stopped").atMost(PATIENCE).until(() -> things.getStatus(THING).status() != ThingStatus.ONLINE);
        // issue 17, item 9: what the deploy folder installs is audited like any other install
        String audited = hub.get("/audit?actor=deploy%20folder&limit=10").body().toString();
        assertThat(audited).contains("binding installed").contains("binding uninstalled").contains("acme")
                .contains("/deploy/cityhub-binding-acme.jar");
    }

    @Test
    public void aFeatureFromItsRepositoryRunsItsThing() throws Exception {
        ConsoleSession.execute(sessions,
                "feature:repo-add mvn:com.example.vendor/cityhub-binding-acme/1.0.0-SNAPSHOT/xml/features");
        console("feature:install cityhub-binding-acme");
        sensorWorks();
        assertThat(console("cityhub:bindings")).contains("acme");

        console("feature:uninstall cityhub-binding-acme");
        await("sensor stopped").atMost(PATIENCE).until(() -> things.getStatus(THING).status() != ThingStatus.ONLINE);
    }

    /** Runs a console command once its scope is registered: the console's commands come up with their bundles. */
    private String console(String command) {
        return await(command).atMost(PATIENCE).ignoreExceptions()
                .until(() -> ConsoleSession.execute(sessions, command), out -> !out.contains("Command not found"));
    }

    private void sensorWorks() {
        await("acme sensor ONLINE").atMost(PATIENCE).until(() -> things.getStatus(THING).status() == ThingStatus.ONLINE);
        await("first reading").atMost(PATIENCE)
                .until(() -> hub.get("/things/" + THING + "/channels/reading/state").body().path("type").asText()
                        .equals("number"));
        assertThat(hub.postJson("/things/" + THING + "/channels/power/command", "{\"command\": \"OFF\"}").status())
                .isEqualTo(202);
        await("power OFF").atMost(PATIENCE).until(() -> hub.get("/things/" + THING + "/channels/power/state").body()
                .path("value").asText().equals("OFF"));
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty(JAR));
        assertThat(jar).as("the binding generated by the archetype's integration test").exists();
        return jar;
    }
}
