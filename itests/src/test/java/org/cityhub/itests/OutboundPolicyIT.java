package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.CountDownLatch;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;

import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingUID;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * Issue 17, item 3: the hub-wide outbound policy in the distribution. A department integrator cannot make the hub
 * fetch a metadata address or talk to its own ports; the admin tightens the policy at runtime and things follow at
 * their next connection; binding locations are policed too.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OutboundPolicyIT extends HubTestSupport {

    private static final String PID = "org.cityhub.outbound";

    @Inject
    private ThingRegistry things;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private BundleContext context;

    private HttpServer service;
    private HubClient integrator;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options();
    }

    @Before
    public void startADepartmentService() throws Exception {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/level", exchange -> {
            byte[] body = "{\"level\": 42}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        service.start();
        integrator = hub.as(token(Role.INTEGRATOR, DepartmentScope.parse("water")));
    }

    @After
    public void restoreThePolicy() throws IOException {
        policy("link-local, metadata", "allow");
        service.stop(0);
    }

    @Test
    public void aDepartmentCannotMakeTheHubFetchAMetadataAddressOrItsOwnPorts() throws Exception {
        create("http:endpoint:metadata", null, "{\"baseUrl\": \"http://169.254.169.254/latest/\"}");
        create("http:resource:metadata", "http:endpoint:metadata", resource("meta-data/iam"));
        create("mqtt:broker:hub-web", null, "{\"host\": \"127.0.0.1\", \"port\": " + CityHubDistribution.httpPort()
                + ", \"discovery\": false}");

        assertRefused("http:resource:metadata", "the outbound policy refuses 169.254.169.254 port 80: 'link-local' is on"
                + " the deny list of etc/org.cityhub.outbound.cfg");
        assertRefused("mqtt:broker:hub-web", "the outbound policy refuses 127.0.0.1 port "
                + CityHubDistribution.httpPort() + ": it is the hub's own HTTP port");
        assertThat(integrator.get("/things/http:resource:metadata").body().at("/status/message").asText())
                .contains("outbound policy");
    }

    @Test
    public void theAdminTightensThePolicyAtRuntimeAndThingsFollowAtTheirNextConnection() throws Exception {
        create("http:endpoint:canal", null, "{\"baseUrl\": \"http://127.0.0.1:" + service.getAddress().getPort() + "/\"}");
        create("http:resource:canal-lock", "http:endpoint:canal", resource("level"));
        ThingUID lock = ThingUID.parse("http:resource:canal-lock");
        await("polled").atMost(PATIENCE).until(() -> things.getStatus(lock).status() == ThingStatus.ONLINE);

        policy("link-local, metadata, loopback", "deny");
        assertRefused("http:resource:canal-lock", "'loopback' is on the deny list");

        policy("link-local, metadata, 10.0.0.0/33", "allow");
        await("a damaged policy shows in the health").atMost(PATIENCE).until(() -> hub.get("/health").body()
                .toString().contains("every destination is refused until it is mended"));
        assertThat(hub.get("/health").body().get("status").asText()).isEqualTo("DEGRADED");
        assertRefused("http:resource:canal-lock", "etc/org.cityhub.outbound.cfg cannot be read");

        policy("link-local, metadata", "allow");
        await("polled again").atMost(PATIENCE).until(() -> things.getStatus(lock).status() == ThingStatus.ONLINE);
    }

    @Test
    public void bindingLocationsArePolicedAndABundleCannotTakeAnotherBindingsId() throws Exception {
        assertThat(hub.postJson("/bindings", "{\"location\": \"http://169.254.169.254/binding.jar\"}").body()
                .get("detail").asText()).contains("the outbound policy refuses 169.254.169.254 port 80");
        assertThat(hub.postJson("/bindings", "{\"location\": \"wrap:mvn:org.hamcrest/hamcrest/2.2\"}").body()
                .get("detail").asText()).contains("bindings come from mvn:, file:, http: or https: locations");
        assertThat(hub.postJson("/bindings", "{\"location\": \"mvn:http://elsewhere.example/repo!org.acme/x/1\"}")
                .body().get("detail").asText()).contains("a mvn: location may not name a repository");

        Path impostor = jar("org.acme.impostor", "{\"binding\": \"simulator\", \"thingTypes\": []}");
        HubClient.Answer takeover = hub.postJson("/bindings", "{\"location\": \"" + impostor.toUri() + "\"}");
        assertThat(takeover.status()).isEqualTo(400);
        assertThat(takeover.body().get("detail").asText()).contains("binding simulator is installed already");

        Path plain = jar("org.acme.plain", null);
        HubClient.Answer notABinding = hub.postJson("/bindings", "{\"location\": \"" + plain.toUri() + "\"}");
        assertThat(notABinding.status()).isEqualTo(400);
        assertThat(notABinding.body().get("detail").asText()).contains("is not a binding").contains("nothing was installed");
        assertThat(Arrays.stream(context.getBundles()).map(b -> b.getSymbolicName()))
                .doesNotContain("org.acme.impostor", "org.acme.plain");
    }

    /** Issue 17, item 9: a slow download never holds the request; the change is answered 202 and can be followed. */
    @Test
    public void aSlowDownloadIsAnswered202AndTheOperationCanBeFollowed() throws Exception {
        byte[] jar = Files.readAllBytes(jar("org.acme.slow", null));
        CountDownLatch release = new CountDownLatch(1);
        service.createContext("/slow.jar", exchange -> {
            try {
                release.await(); // a repository that takes its time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, jar.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jar);
            }
        });
        String location = "http://127.0.0.1:" + service.getAddress().getPort() + "/slow.jar";
        try {
            followSlowInstall(location, release);
        } finally {
            release.countDown(); // the service's one thread must be free for it to stop
        }
    }

    private void followSlowInstall(String location, CountDownLatch release) {
        long started = System.nanoTime();
        HubClient.Answer accepted = hub.postJson("/bindings", "{\"location\": \"" + location + "\"}");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(took).isLessThan(Duration.ofSeconds(9));
        String operation = accepted.header("Location").replaceFirst(".*/api", "");
        assertThat(hub.get(operation).body().get("state").asText()).isEqualTo("running");
        release.countDown();
        await("the operation ends").atMost(PATIENCE).until(() -> !hub.get(operation).body().get("state").asText()
                .equals("running"));
        JsonNode ended = hub.get(operation).body();
        assertThat(ended.get("state").asText()).isEqualTo("failed");
        assertThat(ended.get("status").asInt()).isEqualTo(400);
        assertThat(ended.get("detail").asText()).contains("is not a binding").contains("nothing was installed");
        assertThat(hub.get("/bindings/operations/unknown").status()).isEqualTo(404);
    }

    private void assertRefused(String uid, String reason) {
        ThingUID thing = ThingUID.parse(uid);
        await(uid + " refused by the policy").atMost(PATIENCE).until(() -> {
            var status = things.getStatus(thing);
            return status.status() == ThingStatus.OFFLINE && status.message() != null
                    && status.message().contains(reason);
        });
        assertThat(things.getStatus(thing).detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
    }

    private void create(String uid, String bridge, String configuration) throws Exception {
        HubClient.Answer created = integrator.postJson("/things", "{\"uid\": \"" + uid + "\", \"label\": \"" + uid
                + "\", \"department\": \"water\"" + (bridge == null ? "" : ", \"bridgeUID\": \"" + bridge + "\"")
                + ", \"configuration\": " + configuration + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    }

    private static String resource(String path) {
        return "{\"path\": \"" + path + "\", \"intervalSeconds\": 1, \"channels\": [{\"id\": \"level\", \"itemType\":"
                + " \"number\", \"transform\": \"jsonpath:$.level\"}]}";
    }

    private void policy(String deny, String otherwise) throws IOException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("deny", deny);
        properties.put("allow", "");
        properties.put("otherwise", otherwise);
        configurations.getConfiguration(PID, null).update(properties);
    }

    /** A bundle jar, with a thing-type descriptor if one is given. */
    private static Path jar(String symbolicName, String descriptor) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        Path file = Files.createTempFile(symbolicName, ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            if (descriptor != null) {
                out.putNextEntry(new JarEntry("CITYHUB-INF/thing-types/impostor.json"));
                out.write(descriptor.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return file;
    }
}
