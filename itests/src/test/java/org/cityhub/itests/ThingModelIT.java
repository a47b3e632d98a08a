package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.itests.HubClient.Answer;
import org.junit.Test;
import org.osgi.service.cm.ConfigurationAdmin;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/** Thing types, managed things, watched thing files and queries, as an integrator uses them. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ThingModelIT extends HubTestSupport {


    @Inject
    private ThingRegistry things;

    @Inject
    private SessionFactory sessions;

    @Inject
    private ConfigurationAdmin configurations;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options();
    }

    @Test
    public void thingTypesAreServedWithParametersAndChannels() {
        await("simulator types").atMost(PATIENCE).until(() -> hub.get("/thing-types").body().size() >= 4);

        JsonNode gauge = hub.get("/thing-types/simulator:waterlevel").body();
        assertThat(gauge.at("/parameters/2/name").asText()).isEqualTo("alarmThreshold");
        assertThat(gauge.at("/parameters/0/default").asInt()).isEqualTo(5);
        assertThat(gauge.at("/channels/1/kind").asText()).isEqualTo("trigger");
        assertThat(hub.get("/thing-types/simulator:tram").status()).isEqualTo(404);
        assertThat(hub.get("/thing-types/tram").status()).isEqualTo(400);
    }

    @Test
    public void aManagedThingIsCreatedChangedDisabledAndRemovedThroughRest() throws Exception {
        String uid = "simulator:streetlight:pier-1";
        Answer invalid = hub.postJson("/things", "{\"uid\": \"" + uid + "\", \"label\": \"Pier\", \"configuration\":"
                + " {\"intervalSeconds\": 0, \"colour\": \"red\"}}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("violations")).hasSize(2);
        assertThat(things.get(ThingUID.parse(uid))).isEmpty();

        Answer created = hub.postJson("/things", "{\"uid\": \"" + uid + "\", \"label\": \"Pier\", \"department\":"
                + " \"public-lighting\", \"configuration\": {\"intervalSeconds\": 10}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/things/" + uid);
        awaitStatus(uid, ThingStatus.ONLINE);
        assertThat(hub.get("/things/" + uid).body().get("source").asText()).isEqualTo("managed");
        Path stored = Path.of(System.getProperty("karaf.base"), "state", "things", "simulator.streetlight.pier-1.json");
        assertThat(Files.readString(stored)).contains("\"schemaVersion\" : 1").contains("Pier");
        assertThat(hub.postJson("/things", "{\"uid\": \"" + uid + "\", \"label\": \"Again\"}").status()).isEqualTo(409);

        Answer renamed = hub.putJson("/things/" + uid, "{\"label\": \"Pier light\", \"configuration\": {}}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(hub.get("/things/" + uid).body().get("label").asText()).isEqualTo("Pier light");

        assertThat(hub.putJson("/things/" + uid + "/enabled", "false").status()).isEqualTo(200);
        assertThat(things.getStatus(ThingUID.parse(uid)).detail()).isEqualTo(ThingStatusDetail.DISABLED);
        assertThat(hub.putJson("/things/" + uid + "/enabled", "{\"enabled\": true}").status()).isEqualTo(200);
        awaitStatus(uid, ThingStatus.ONLINE);

        assertThat(hub.delete("/things/" + uid).status()).isEqualTo(204);
        assertThat(hub.get("/things/" + uid).status()).isEqualTo(404);
        assertThat(Files.exists(stored)).isFalse();
    }

    @Test
    public void fileDefinedThingsAreReadOnlyThroughRest() {
        Answer update = hub.putJson("/things/simulator:streetlight:harbour-1", "{\"label\": \"x\"}");
        assertThat(update.status()).isEqualTo(409);
        assertThat(update.body().get("detail").asText()).contains("demo-city.json");
        assertThat(hub.delete("/things/simulator:streetlight:harbour-1").status()).isEqualTo(409);
        assertThat(hub.get("/things/simulator:streetlight:harbour-1").body().get("source").asText())
                .isEqualTo("demo-city.json");
    }

    @Test
    public void thingFilesAreWatchedAndTheirProblemsReported() throws Exception {
        Path file = Path.of(System.getProperty("karaf.etc"), "things", "canal.json");
        Files.writeString(file, "{\"things\": [{\"uid\": \"simulator:waterlevel:canal-2\", \"label\": \"Canal 2\","
                + " \"department\": \"water\"}]}");
        awaitStatus("simulator:waterlevel:canal-2", ThingStatus.ONLINE);

        Files.writeString(file, "{\"things\": [\n  {\"uid\": \"simulator:waterlevel:canal-2\", \"label\": \"Canal 2\"},\n"
                + "  {\"uid\": \"simulator:waterlevel:canal-3\", \"label\": \"Canal 3\", \"configuration\":"
                + " {\"alarmThreshold\": -5}}\n]}");
        await("problem reported").atMost(PATIENCE).until(() -> hub.get("/things/problems").body().size() == 1);
        JsonNode problem = hub.get("/things/problems").body().get(0);
        assertThat(problem.get("file").asText()).isEqualTo("canal.json");
        assertThat(problem.get("line").asInt()).isEqualTo(3);
        assertThat(problem.get("message").asText()).contains("alarmThreshold").contains("below its minimum 0");
        assertThat(things.get(ThingUID.parse("simulator:waterlevel:canal-2"))).isPresent();
        assertThat(ConsoleSession.execute(sessions, "cityhub:things --problems")).contains("canal.json");

        Files.delete(file);
        await("things of a deleted file removed").atMost(PATIENCE)
                .until(() -> things.get(ThingUID.parse("simulator:waterlevel:canal-2")).isEmpty()
                        && hub.get("/things/problems").body().isEmpty());
    }

    @Test
    public void thingsAreFilteredAndPaged() {
        assertThat(hub.get("/things?department=water").body()).hasSize(2);
        assertThat(hub.get("/things?thingType=simulator:traffic&status=online").body()).hasSize(3);
        assertThat(hub.get("/things?tag=harbour").body()).hasSize(4);
        assertThat(hub.get("/things?bbox=120.20,30.20,120.27,30.30").body()).extracting(t -> t.get("uid").asText())
                .contains("simulator:airquality:harbour-01", "simulator:waterlevel:river-east")
                .doesNotContain("simulator:airquality:westlake-01");

        Answer page = hub.get("/things?binding=simulator&limit=5&offset=5");
        assertThat(page.body()).hasSize(5);
        assertThat(page.header("X-Total-Count")).isEqualTo("15");
        assertThat(page.header("Link")).contains("offset=10").contains("rel=\"next\"");
        assertThat(hub.get("/things?status=SLEEPING").body().get("detail").asText()).contains("is not one of");
        assertThat(hub.get("/things?bbox=1,2,3").status()).isEqualTo(400);
        assertThat(hub.get("/things?limit=0").status()).isEqualTo(400);
    }

    @Test
    public void thingsBehindAGatewayFollowItOfflineAndBack() {
        String gateway = "/things/simulator:gateway:old-town/channels/power/command";
        awaitStatus("simulator:parking:market-1", ThingStatus.ONLINE);
        assertThat(hub.get("/things/simulator:parking:market-1").body().get("bridgeUID").asText())
                .isEqualTo("simulator:gateway:old-town");

        assertThat(hub.postJson(gateway, "{\"command\": \"OFF\"}").status()).isEqualTo(202);
        await("sensors behind the gateway offline").atMost(PATIENCE).until(() -> things
                .getStatus(ThingUID.parse("simulator:parking:market-2")).detail() == ThingStatusDetail.BRIDGE_OFFLINE);
        assertThat(things.getStatus(ThingUID.parse("simulator:gateway:old-town")).status()).isEqualTo(ThingStatus.OFFLINE);

        assertThat(hub.postJson(gateway, "{\"command\": \"ON\"}").status()).isEqualTo(202);
        awaitStatus("simulator:parking:market-1", ThingStatus.ONLINE);
        awaitStatus("simulator:parking:market-2", ThingStatus.ONLINE);
    }

    @Test
    public void discoveredDevicesAreApprovedIgnoredAndRemovedFromTheInbox() throws Exception {
        await("simulator discovery in the inbox").atMost(PATIENCE).until(() -> hub.get("/inbox").body().size() == 3);

        Answer approved = hub.postJson("/inbox/simulator:airquality:riverside-01/approve",
                "{\"id\": \"riverside-north\", \"label\": \"Riverside north\"}");
        assertThat(approved.status()).isEqualTo(201);
        assertThat(approved.header("Location")).endsWith("/api/things/simulator:airquality:riverside-north");
        awaitStatus("simulator:airquality:riverside-north", ThingStatus.ONLINE);
        assertThat(hub.get("/things/simulator:airquality:riverside-north").body().at("/properties/serialNumber").asText())
                .isEqualTo("AQ-7731");

        assertThat(ConsoleSession.execute(sessions, "cityhub:inbox-ignore simulator:traffic:airport-road"))
                .contains("ignored");
        assertThat(ConsoleSession.execute(sessions, "cityhub:inbox")).contains("simulator:streetlight:bridge-3")
                .doesNotContain("airport-road").doesNotContain("riverside");
        assertThat(ConsoleSession.execute(sessions, "cityhub:inbox --all")).contains("airport-road");

        assertThat(hub.delete("/inbox/simulator:streetlight:bridge-3").status()).isEqualTo(204);
        assertThat(hub.get("/inbox").body()).hasSize(1);
        assertThat(hub.postJson("/inbox/scan", "").status()).isEqualTo(202);
        await("removed entry offered again").atMost(PATIENCE).until(() -> hub.get("/inbox").body().size() == 2);
        assertThat(hub.postJson("/inbox/simulator:streetlight:nowhere/approve", "").status()).isEqualTo(404);
        assertThat(ConsoleSession.execute(sessions, "cityhub:inbox-approve --id lamp-3 simulator:streetlight:bridge-3"))
                .contains("approved simulator:streetlight:bridge-3 as simulator:streetlight:lamp-3");
    }

    @Test
    public void aPopulatedHubRoundTripsThroughABackup() throws Exception {
        String uid = "simulator:streetlight:backup-1";
        assertThat(hub.postJson("/things", "{\"uid\": \"" + uid + "\", \"label\": \"Backed up\", \"configuration\":"
                + " {\"intervalSeconds\": 7}}").status()).isEqualTo(201);
        assertThat(hub.putJson("/things/" + uid + "/enabled", "false").status()).isEqualTo(200);
        await("inbox filled").atMost(PATIENCE).until(() -> hub.get("/inbox").body().size() >= 1);
        String ignoredUid = hub.get("/inbox").body().get(0).get("thingUID").asText();
        assertThat(hub.postJson("/inbox/" + ignoredUid + "/ignore", "").status()).isEqualTo(200);
        org.osgi.service.cm.Configuration configuration = configurations.getConfiguration("org.cityhub.backup.check", "?");
        configuration.update(new Hashtable<>(Map.of("answer", 42)));
        String tokenName = "kept-" + System.nanoTime();
        String secret = tokens.create(tokenName, Role.OPERATOR, DepartmentScope.parse("transport"), null, "itest")
                .secret();
        String grant = "backed-up-" + System.nanoTime();
        assertThat(hub.postJson("/grants", "{\"id\": \"" + grant + "\", \"owner\": {\"department\": \"water\"},"
                + " \"grantee\": \"transport\", \"select\": {\"tags\": [\"canal\"]}, \"rights\": [\"read\"],"
                + " \"purpose\": \"lock closures\"}").status()).isEqualTo(201);

        Answer archive = hub.get("/backup");
        assertThat(archive.body().get("grants").toString()).contains(grant, "lock closures");
        assertThat(archive.body().get("tokens").toString()).contains(tokenName).doesNotContain(secret);
        assertThat(archive.status()).isEqualTo(200);
        assertThat(archive.header("Content-Disposition")).contains("cityhub-backup.json");
        assertThat(hub.delete("/things/" + uid).status()).isEqualTo(204);
        assertThat(hub.delete("/inbox/" + ignoredUid).status()).isEqualTo(204);
        configuration.delete();
        tokens.revoke(tokenName);
        assertThat(hub.as(secret).get("/things").status()).isEqualTo(401);
        assertThat(hub.delete("/grants/" + grant).status()).isEqualTo(200);

        assertThat(hub.postJson("/restore", "{\"schemaVersion\": 1, \"managedThings\": [{\"thing\": {}}]}").status())
                .isEqualTo(400);
        assertThat(things.get(ThingUID.parse(uid))).isEmpty();
        Answer restored = hub.postJson("/restore", archive.body().toString());
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.body().get("restored").toString()).contains(uid + " created, disabled");

        assertThat(things.get(ThingUID.parse(uid)).orElseThrow().configuration()).containsKey("intervalSeconds");
        assertThat(things.getStatus(ThingUID.parse(uid)).detail()).isEqualTo(ThingStatusDetail.DISABLED);
        assertThat(hub.get("/inbox").body().toString()).contains(ignoredUid);
        assertThat(configurations.getConfiguration("org.cityhub.backup.check", "?").getProperties().get("answer"))
                .isEqualTo(42);
        // the token in the backup was revoked since: a restore never revives it (issue 17)
        assertThat(restored.body().get("restored").toString()).contains("token " + tokenName + " NOT restored")
                .contains("never revives a revoked token");
        assertThat(hub.as(secret).get("/things").status()).as("a revoked token stays revoked").isEqualTo(401);
        assertThat(restored.body().get("restored").toString()).contains("grant " + grant + " kept as it is");
        assertThat(hub.get("/grants/" + grant).body().get("active").asBoolean()).as("a revoked grant stays revoked")
                .isFalse();

        Path file = Path.of(System.getProperty("karaf.base"), "backup-check.json");
        assertThat(ConsoleSession.execute(sessions, "cityhub:backup " + file)).contains("backup written to");
        assertThat(ConsoleSession.execute(sessions, "cityhub:restore " + file)).contains(uid + " replaced");
        assertThat(hub.delete("/things/" + uid).status()).isEqualTo(204);
    }

    @Test
    public void theConsoleManagesThings() throws Exception {
        String uid = "simulator:traffic:tunnel-east";
        assertThat(ConsoleSession.execute(sessions, "cityhub:thing-add -d transport -c intervalSeconds=3"
                + " --location 52.50,13.45 " + uid + " \"Tunnel east\"")).contains("added " + uid);
        awaitStatus(uid, ThingStatus.ONLINE);
        assertThat(ConsoleSession.execute(sessions, "cityhub:thing " + uid)).contains("Tunnel east").contains("managed")
                .contains("intervalSeconds=3").contains("vehicles");

        assertThat(ConsoleSession.execute(sessions, "cityhub:thing-update -l \"Tunnel east bore\" " + uid))
                .contains("updated");
        assertThat(things.get(ThingUID.parse(uid)).orElseThrow().label()).isEqualTo("Tunnel east bore");
        assertThat(ConsoleSession.execute(sessions, "cityhub:thing-disable " + uid)).contains("disabled " + uid);
        assertThat(ConsoleSession.execute(sessions, "cityhub:things --status uninitialized")).contains(uid);
        assertThat(ConsoleSession.execute(sessions, "cityhub:thing-enable " + uid)).contains("enabled " + uid);
        assertThat(ConsoleSession.execute(sessions, "cityhub:thing-update -c intervalSeconds=many " + uid))
                .contains("intervalSeconds takes a number");
        assertThat(ConsoleSession.execute(sessions, "cityhub:thing-remove simulator:streetlight:harbour-1"))
                .contains("demo-city.json");
        assertThat(ConsoleSession.execute(sessions, "cityhub:thing-remove " + uid)).contains("removed " + uid);
        assertThat(things.get(ThingUID.parse(uid))).isEmpty();
    }

    private void awaitStatus(String uid, ThingStatus status) {
        await(uid + " " + status).atMost(PATIENCE)
                .until(() -> things.getStatus(ThingUID.parse(uid)).status() == status);
    }
}
