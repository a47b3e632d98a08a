package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.itests.HubClient.Answer;
import org.cityhub.itests.HubClient.SseRecorder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 21's "done means", for rules: the demo's rules load from etc/rules; the emergency office's rule runs once
 * water and public lighting have granted it what it names, lights the embankment and warns transport within
 * seconds of the canal rising, and is refused at once when a grant is revoked; a rule blocked forever marks only
 * itself; rule files and documents with errors are refused precisely while the others keep running.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RulesIT extends HubTestSupport {

    private static final String CANAL = "simulator:waterlevel:canal-lock";
    private static final String LAMP = "simulator:streetlight:harbour-1";

    @Inject
    private EventBus bus;

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options(editConfigurationFilePut("etc/org.cityhub.rules.cfg", "actionBudgetMillis",
                "1000"), editConfigurationFilePut("etc/org.cityhub.rules.cfg", "pollSeconds", "1"));
    }

    private HubClient department(Role role, String department) throws Exception {
        return hub.as(token(role, DepartmentScope.parse(department)));
    }

    private JsonNode rule(String id) {
        return hub.get("/rules/" + id).body();
    }

    private void awaitStatus(String id, String status) {
        await("rule " + id + " " + status).atMost(PATIENCE).until(() -> rule(id).path("status").asText()
                .equals(status));
    }

    private static String grant(String id, String owner, String select, String rights) {
        return "{\"id\": \"" + id + "\", \"owner\": {\"department\": \"" + owner + "\"}, \"grantee\": \"emergency\","
                + " \"select\": " + select + ", \"rights\": " + rights + ", \"purpose\": \"flood response\"}";
    }

    @Test
    public void theEmergencyOfficesRuleLightsTheEmbankmentAndWarnsTransportAndStopsWhenAGrantIsRevoked()
            throws Exception {
        assertThat(hub.get("/rules").body()).extracting(r -> r.get("id").asText()).contains("canal-flood",
                "river-alarm", "school-air", "evening-lights");
        assertThat(rule("river-alarm").get("status").asText()).isEqualTo("ACTIVE");
        awaitStatus("canal-flood", "REFUSED");
        assertThat(rule("canal-flood").get("message").asText()).contains("rules/canal-flood.json line 6")
                .contains("department 'emergency' sees no thing " + CANAL);

        HubClient water = department(Role.INTEGRATOR, "water");
        HubClient lighting = department(Role.INTEGRATOR, "public-lighting");
        assertThat(water.postJson("/grants", grant("rules-canal", "water", "{\"things\": [\"" + CANAL + "\"]}",
                "[\"read\"]")).status()).isEqualTo(201);
        assertThat(lighting.postJson("/grants", grant("rules-lamps", "public-lighting", "{\"tags\": [\"harbour\"],"
                + " \"thingTypes\": [\"simulator:streetlight\"]}", "[\"read\", \"command\"]")).status()).isEqualTo(201);
        awaitStatus("canal-flood", "ACTIVE");

        HubClient emergency = department(Role.INTEGRATOR, "emergency");
        Answer defined = emergency.putJson("/rules/canal-now", """
                {"label": "Canal above 200 cm: full light and a warning, at once", "department": "emergency",
                 "triggers": [{"type": "threshold", "channel": "simulator:waterlevel:canal-lock:level", "above": 200}],
                 "actions": [
                   {"type": "command", "channel": "simulator:streetlight:harbour-1:brightness", "command": 100},
                   {"type": "event", "name": "flood-warning", "to": ["transport"], "message": "canal at {value}"}]}""");
        assertThat(defined.status()).as(defined.body().toString()).isEqualTo(201);
        assertThat(defined.body().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(lighting.postJson("/things/" + LAMP + "/channels/brightness/command", "{\"command\": 10}")
                .status()).isEqualTo(202);
        await("the lamp dimmed").atMost(PATIENCE).until(() -> lighting.get("/things/" + LAMP + "/channels/brightness"
                + "/state").body().path("value").asInt() == 10);

        HubClient transport = department(Role.VIEWER, "transport");
        try (SseRecorder warnings = transport.record("?topics=cityhub/city/%23");
                SseRecorder firings = emergency.record("?topics=cityhub/rules/%23")) {
            await("streams open").atMost(PATIENCE).until(() -> transport.get("/rules").status() == 200);
            await("the canal rises and the rule reacts").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        canal("250");
                        return warnings.frames.stream().anyMatch(f -> f.data().contains("canal at 250 cm"));
                    });
            await("the embankment is lit").atMost(PATIENCE).until(() -> lighting.get("/things/" + LAMP
                    + "/channels/brightness/state").body().path("value").asInt() == 100);
            await("the firing is published").atMost(PATIENCE).until(() -> firings.frames.stream()
                    .anyMatch(f -> f.data().contains("\"rule\":\"canal-now\"")));
        }
        JsonNode fired = rule("canal-now");
        assertThat(fired.get("fired").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(hub.get("/audit?actor=rule:canal-now").body()).extracting(e -> e.get("detail").asText())
                .anySatisfy(detail -> assertThat(detail).isEqualTo("command 100 through grant rules-lamps"));

        assertThat(lighting.delete("/grants/rules-lamps").status()).isEqualTo(200);
        awaitStatus("canal-now", "REFUSED");
        assertThat(rule("canal-now").get("message").asText()).contains(LAMP);
        awaitStatus("canal-flood", "REFUSED");
        assertThat(water.delete("/grants/rules-canal").status()).isEqualTo(200);
        assertThat(emergency.delete("/rules/canal-now").status()).isEqualTo(204);
    }

    private void canal(String centimetres) {
        bus.publish("cityhub/things/" + CANAL + "/channels/level/state", "state", "{\"thingUID\": \"" + CANAL + "\","
                + " \"channel\": \"level\", \"state\": {\"type\": \"number\", \"value\": " + centimetres + ", \"unit\":"
                + " \"cm\"}}", "itest", "water");
    }

    @Test
    public void aRuleBlockedForeverMarksOnlyItselfBesideHealthyOnes() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accepts, reads nothing, answers nothing
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-service");
            acceptor.setDaemon(true);
            acceptor.start();
            HubClient water = department(Role.INTEGRATOR, "water");
            assertThat(water.putJson("/rules/stuck", rule("stuck", "{\"type\": \"webhook\", \"url\":"
                    + " \"http://127.0.0.1:" + silent.getLocalPort() + "/never\", \"timeout\": \"30s\"}")).status())
                    .isEqualTo(201);
            assertThat(water.putJson("/rules/healthy", rule("healthy", "{\"type\": \"event\", \"name\": \"ok\"}"))
                    .status()).isEqualTo(201);

            for (int i = 0; i < 3; i++) {
                bus.publish("cityhub/city/water/drill", "city", "{\"round\": " + i + "}", "itest", "water");
            }

            await("the healthy rule fired each time").atMost(PATIENCE).until(() -> rule("healthy").get("fired")
                    .asLong() == 3);
            await("the stuck rule is marked").atMost(PATIENCE).until(() -> rule("stuck").get("message").asText()
                    .contains("/actions/0"));
            // each of its firings ran into the silent service and was abandoned, or was skipped while one was blocked
            await("every firing of the stuck rule is accounted for").atMost(PATIENCE).until(() -> rule("stuck")
                    .get("skipped").asLong() + rule("stuck").get("fired").asLong() == 3);
            assertThat(rule("stuck").get("status").asText()).isIn("BLOCKED", "FAILING");
            assertThat(rule("stuck").get("failed").asLong()).isEqualTo(rule("stuck").get("fired").asLong());
            assertThat(hub.get("/health").status()).isEqualTo(200);
            assertThat(water.delete("/rules/stuck").status()).isEqualTo(204);
            assertThat(water.delete("/rules/healthy").status()).isEqualTo(204);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static String rule(String label, String action) {
        return "{\"label\": \"" + label + "\", \"department\": \"water\", \"triggers\": [{\"type\": \"event\","
                + " \"topic\": \"cityhub/city/water/drill\"}], \"actions\": [" + action + "]}";
    }

    @Test
    public void rulesWithErrorsAreRefusedPreciselyAndTheOthersKeepRunning() throws Exception {
        Path folder = Path.of(System.getProperty("karaf.etc"), "rules");
        Files.writeString(folder.resolve("broken.json"), """
                {
                  "label": "Every morning",
                  "department": "water",
                  "triggers": [
                    {"type": "schedule", "cron": "0 7 * * MONDAYS"}
                  ],
                  "actions": [{"type": "event", "name": "morning"}]
                }
                """, StandardCharsets.UTF_8);
        await("the broken file is read").atMost(PATIENCE).until(() -> hub.get("/rules/broken").status() == 200);
        assertThat(rule("broken").get("status").asText()).isEqualTo("REFUSED");
        assertThat(rule("broken").get("message").asText()).isEqualTo("rules/broken.json line 5: at"
                + " /triggers/0/cron: cron day of week 'MONDAYS' is not *, a value from 0 to 7, a range a-b or a step /n");

        String good = Files.readString(folder.resolve("river-alarm.json"));
        Files.writeString(folder.resolve("river-alarm.json"), good.replace("\"ALARM\"}", "\"ALARM\", \"colour\": 1}"));
        await("the bad edit is reported").atMost(PATIENCE).until(() -> rule("river-alarm").get("message").asText()
                .contains("the previous version keeps running"));
        assertThat(rule("river-alarm").get("status").asText()).isEqualTo("ACTIVE");
        assertThat(rule("river-alarm").get("message").asText()).contains("/triggers/0/colour: unknown field");
        Files.writeString(folder.resolve("river-alarm.json"), good);

        HubClient water = department(Role.INTEGRATOR, "water");
        Answer mismatch = water.putJson("/rules/mismatch", "{\"label\": \"x\", \"department\": \"water\","
                + " \"triggers\": [{\"type\": \"time\", \"at\": \"07:00\"}], \"conditions\": [{\"type\": \"state\","
                + " \"channel\": \"" + CANAL + ":level\", \"operator\": \">\", \"value\": \"ON\"}], \"actions\":"
                + " [{\"type\": \"event\", \"name\": \"x\"}]}");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body().get("detail").asText()).startsWith("at /conditions/0/value:")
                .contains("the channel holds number states");
        Answer foreign = water.putJson("/rules/foreign", "{\"label\": \"x\", \"department\": \"water\", \"triggers\":"
                + " [{\"type\": \"time\", \"at\": \"07:00\"}], \"actions\": [{\"type\": \"command\", \"channel\": \""
                + LAMP + ":power\", \"command\": \"OFF\"}]}");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body().get("detail").asText()).contains("department 'water' sees no thing " + LAMP);
        assertThat(water.putJson("/rules/elsewhere", "{\"label\": \"x\", \"department\": \"transport\", \"triggers\":"
                + " [], \"actions\": []}").status()).isEqualTo(403);
        assertThat(department(Role.VIEWER, "transport").get("/rules/river-alarm").status()).isEqualTo(404);
        assertThat(water.delete("/rules/river-alarm").status()).as("a file's rule").isEqualTo(409);

        assertThat(ConsoleSession.execute(sessions, "cityhub:rules")).contains("river-alarm", "broken", "REFUSED");
        assertThat(ConsoleSession.execute(sessions, "cityhub:rule-test school-air")).contains("\"wouldFire\"")
                .contains("/actions/0");
        assertThat(ConsoleSession.execute(sessions, "cityhub:rule-disable river-alarm")).contains("DISABLED");
        assertThat(rule("river-alarm").get("status").asText()).isEqualTo("DISABLED");
        assertThat(ConsoleSession.execute(sessions, "cityhub:rule-enable river-alarm")).contains("ACTIVE");
        Files.delete(folder.resolve("broken.json"));
        await("a removed file's rule goes").atMost(PATIENCE).until(() -> hub.get("/rules/broken").status() == 404);
    }
}
