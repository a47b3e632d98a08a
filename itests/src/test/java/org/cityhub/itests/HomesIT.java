package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
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
 * Issue 20's households and consent: the community office keeps a household and issues its resident's token; the
 * resident sees and commands only the home's things; the fire service sees the smoke alarm only while the
 * resident's consent is in force, and stops seeing it the moment it is revoked, open event streams included.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HomesIT extends HubTestSupport {

    private static final String FLAT = "cuiyuan-3-301";
    private static final String NEIGHBOUR = "cuiyuan-3-302";
    private static final String SMOKE = "http:push:" + FLAT + "-smoke";
    private static final String DOOR = "http:push:" + FLAT + "-door";
    private static final String LAMP = "simulator:streetlight:" + FLAT + "-lamp";
    private static final String NEIGHBOURS_SMOKE = "http:push:" + NEIGHBOUR + "-smoke";
    /** A fire-rescue station's own thing: its events mark how far the fire service's stream has come. */
    private static final String HYDRANT = "http:push:fire-station-hydrant";

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options();
    }

    @Test
    public void theCommunityOfficeKeepsHouseholdsAndIssuesTheirResidentsTokens() throws Exception {
        HubClient office = hub.as(token(Role.INTEGRATOR, DepartmentScope.parse("community")));
        HubClient transport = hub.as(token(Role.INTEGRATOR, DepartmentScope.parse("transport")));
        String flat = "{\"label\": \"3幢 301\", \"address\": \"杭州市西湖区翠苑一区 3幢 301室\", \"district\": \"西湖区"
                + " Xihu\", \"office\": \"community\"}";

        assertThat(transport.putJson("/households/office-made", flat).status()).as("another office").isEqualTo(403);
        Answer made = office.putJson("/households/office-made", flat);
        assertThat(made.status()).as(made.body().toString()).isEqualTo(201);
        assertThat(made.body().get("address").asText()).isEqualTo("杭州市西湖区翠苑一区 3幢 301室");
        assertThat(transport.get("/households/office-made").status()).isEqualTo(404);
        assertThat(transport.putJson("/households/office-made", flat.replace("community", "transport")).status())
                .as("an id another office keeps is taken, and says no more").isEqualTo(409);

        Answer issued = office.postJson("/households/office-made/tokens", "{\"name\": \"wang-office-made\"}");
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(201);
        assertThat(issued.body().get("role").asText()).isEqualTo("resident");
        HubClient resident = hub.as(issued.body().get("token").asText());
        assertThat(resident.get("/households").body()).extracting(h -> h.get("id").asText())
                .containsExactly("office-made");
        assertThat(resident.get("/households/" + FLAT).status()).isEqualTo(404);
        assertThat(resident.get("/tokens").status()).as("a resident reaches less than a viewer").isEqualTo(403);
        assertThat(resident.putJson("/households/office-made", flat).status()).isEqualTo(403);
        Answer unknown = resident.postJson("/grants", consent("office-made", "fire-rescu", "[\"" + SMOKE + "\"]"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("detail").asText()).contains("no department 'fire-rescu'");

        JsonNode archive = hub.get("/backup").body();
        assertThat(archive.get("households").toString()).as("backups keep households, UTF-8 and all")
                .contains("杭州市西湖区翠苑一区 3幢 301室");
        assertThat(hub.postJson("/restore", archive.toString()).body().get("restored").toString())
                .contains("household office-made kept as it is");
        assertThat(hub.get("/audit?target=/households/office-made").body().toString()).contains("西湖区 Xihu");

        assertThat(office.delete("/households/office-made").status()).isEqualTo(204);
        assertThat(resident.get("/households").status()).as("its resident's token ended with it").isEqualTo(401);
    }

    @Test
    public void theResidentSeesOnlyTheHomeAndTheFireServiceOnlyWhatItIsAllowed() throws Exception {
        HubClient resident = hub.as(residentToken(FLAT));
        residentToken(NEIGHBOUR);
        HubClient fire = hub.as(token(Role.VIEWER, DepartmentScope.parse("fire-rescue")));
        HubClient everyDepartment = hub.as(token(Role.OPERATOR, DepartmentScope.ALL));
        defineHomeThings();

        assertThat(uids(resident.get("/things"))).containsExactlyInAnyOrder(SMOKE, DOOR, LAMP);
        assertThat(resident.get("/things/" + NEIGHBOURS_SMOKE).status()).as("another flat's thing").isEqualTo(404);
        assertThat(resident.get("/things/" + HYDRANT).status()).isEqualTo(404);
        assertThat(uids(everyDepartment.get("/things"))).as("no department sees a home unasked, not even '*'")
                .doesNotContain(SMOKE, DOOR, LAMP, NEIGHBOURS_SMOKE).contains(HYDRANT);
        assertThat(fire.get("/things/" + SMOKE).status()).isEqualTo(404);
        Answer command = resident.postJson("/things/" + LAMP + "/channels/power/command", "{\"command\": \"ON\"}");
        assertThat(command.status()).as(command.body().toString()).isEqualTo(202);
        assertThat(everyDepartment.postJson("/things/" + LAMP + "/channels/power/command", "{\"command\": \"ON\"}")
                .status()).isEqualTo(404);
        assertThat(resident.postJson("/grants", consent(NEIGHBOUR, "fire-rescue", "[\"" + NEIGHBOURS_SMOKE + "\"]"))
                .status()).as("another flat's consent").isEqualTo(403);

        try (SseRecorder stream = fire.record("?topics=cityhub/%23")) {
            pushUntilSeen(stream, HYDRANT, "{\"pressure\": 1}");
            Answer given = resident.postJson("/grants", consent(FLAT, "fire-rescue", "[\"" + SMOKE + "\"]"));
            assertThat(given.status()).as(given.body().toString()).isEqualTo(201);
            String id = given.body().get("id").asText();

            JsonNode seen = fire.get("/things/" + SMOKE).body();
            assertThat(seen.get("household").asText()).isEqualTo(FLAT);
            assertThat(seen.has("configuration")).as("a grantee never sees the definition").isFalse();
            assertThat(fire.get("/things/" + DOOR).status()).as("only what the consent selects").isEqualTo(404);
            pushUntilSeen(stream, SMOKE, "{\"smoke\": true}");

            Answer revoked = resident.delete("/grants/" + id);
            assertThat(revoked.status()).as(revoked.body().toString()).isEqualTo(200);
            long smokeSeen = states(stream, SMOKE);
            assertThat(hub.postJson("/ingest/" + SMOKE, "{\"smoke\": false}").status()).isEqualTo(200);
            // in bus order: once the hydrant's marker arrives, the smoke alarm's change would have arrived before
            pushUntilSeen(stream, HYDRANT, "{\"pressure\": 2}");

            assertThat(states(stream, SMOKE)).as("no smoke alarm state after the revocation").isEqualTo(smokeSeen);
            assertThat(stream.frames).anyMatch(frame -> frame.event().equals("removed")
                    && frame.data().contains("\"id\":\"" + id + "\""));
        }
        assertThat(fire.get("/things/" + SMOKE).status()).isEqualTo(404);
        assertThat(fire.get("/things/" + SMOKE + "/channels/smoke/history?from=-1h").status()).isEqualTo(404);
        assertThat(resident.get("/grants").body()).extracting(g -> g.get("active").asBoolean()).containsOnly(false);
        assertThat(ConsoleSession.execute(sessions, "cityhub:things --household " + FLAT)).contains(SMOKE, DOOR, LAMP)
                .doesNotContain(NEIGHBOURS_SMOKE);
    }

    /**
     * The same home, read in Chinese: labels in the language asked for, with both kept; statuses and problem titles
     * in Chinese; console tables aligned; a label that was not valid UTF-8 refused, naming where.
     */
    @Test
    public void aChineseReaderSeesTheHomeInChinese() throws Exception {
        String flat = "cuiyuan-5-101";
        HubClient resident = hub.as(residentToken(flat));
        String kettle = "http:push:" + flat + "-kettle";
        define("http:push:" + flat + "-balcony-smoke", "阳台烟雾报警器", "\"household\": \"" + flat + "\"", "smoke",
                "onoff");
        Answer defined = hub.postJson("/things", "{\"uid\": \"" + kettle + "\", \"label\": \"Kettle plug\", \"labels\":"
                + " {\"zh-CN\": \"厨房水壶插座\", \"en\": \"Kettle plug\"}, \"household\": \"" + flat + "\", \"configuration\":"
                + " {\"channels\": [{\"id\": \"power\", \"itemType\": \"number\", \"unit\": \"W\", \"label\": \"Power\","
                + " \"labels\": {\"zh-CN\": \"功率\"}, \"transform\": \"jsonpath:$.power\"}]}}");
        assertThat(defined.status()).as(defined.body().toString()).isEqualTo(201);
        await("the plug online").atMost(PATIENCE).until(() -> hub.get("/things/" + kettle).body()
                .at("/status/status").asText().equals("ONLINE"));

        Answer chinese = resident.send(java.net.http.HttpRequest.newBuilder(resident.uri("/things/" + kettle))
                .header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5"));
        assertThat(chinese.body().get("label").asText()).isEqualTo("厨房水壶插座");
        assertThat(chinese.body().at("/labels/en").asText()).isEqualTo("Kettle plug");
        assertThat(chinese.body().at("/status/label").asText()).isEqualTo("在线");
        assertThat(chinese.header("Content-Language")).isEqualTo("zh-CN");
        Answer english = resident.send(java.net.http.HttpRequest.newBuilder(resident.uri("/things/" + kettle))
                .header("Accept-Language", "en-GB,en;q=0.8"));
        assertThat(english.body().get("label").asText()).isEqualTo("Kettle plug");
        assertThat(english.body().at("/status/label").asText()).isEqualTo("Online");
        Answer type = resident.send(java.net.http.HttpRequest.newBuilder(resident.uri("/thing-types/simulator:streetlight"))
                .header("Accept-Language", "zh"));
        assertThat(type.body().get("label").asText()).isEqualTo("路灯");
        assertThat(type.body().at("/channels/1/label").asText()).isEqualTo("亮度");
        Answer missing = resident.send(java.net.http.HttpRequest.newBuilder(resident.uri("/things/http:push:"
                + NEIGHBOUR + "-smoke")).header("Accept-Language", "zh-CN"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("title").asText()).isEqualTo("未找到");

        List<String> table = ConsoleSession.execute(sessions, "cityhub:things --household " + flat).lines()
                .filter(line -> line.contains("ONLINE") || line.contains("Status")).toList();
        assertThat(table).hasSize(3).anySatisfy(line -> assertThat(line).contains("阳台烟雾报警器"));
        assertThat(table).extracting(line -> displayWidth(line.substring(0, line.lastIndexOf('│'))))
                .as("columns aligned by display width, a Chinese character taking two").containsOnly(
                        displayWidth(table.get(0).substring(0, table.get(0).lastIndexOf('│'))));

        byte[] mangled = ("{\"uid\": \"http:push:" + flat + "-mangled\", \"label\": \"\u53a8").getBytes(
                java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = java.util.Arrays.copyOf(mangled, mangled.length + 5);
        body[mangled.length] = (byte) 0xE6; // the first byte of a three-byte character, then a quote: not UTF-8
        body[mangled.length + 1] = '"';
        body[mangled.length + 2] = '}';
        body[mangled.length + 3] = ' ';
        body[mangled.length + 4] = ' ';
        Answer refused = hub.sendExpectingContinue("POST", "/things", body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("detail").asText()).containsIgnoringCase("UTF-8");
    }

    /** The flat's smoke alarm, door contact and lamp, the neighbour's smoke alarm and the fire station's hydrant. */
    private void defineHomeThings() {
        define(SMOKE, "厨房烟雾报警器 Kitchen smoke alarm", "\"household\": \"" + FLAT + "\"", "smoke", "onoff");
        define(DOOR, "入户门磁 Front door contact", "\"household\": \"" + FLAT + "\"", "open", "onoff");
        define(NEIGHBOURS_SMOKE, "厨房烟雾报警器 Kitchen smoke alarm", "\"household\": \"" + NEIGHBOUR + "\"",
                "smoke", "onoff");
        define(HYDRANT, "消防栓 Hydrant", "\"department\": \"fire-rescue\"", "pressure", "number");
        Answer lamp = hub.postJson("/things", "{\"uid\": \"" + LAMP + "\", \"label\": \"客厅灯 Living room lamp\","
                + " \"household\": \"" + FLAT + "\"}");
        assertThat(lamp.status()).as(lamp.body().toString()).isIn(201, 202);
        await("the lamp online").atMost(PATIENCE).until(() -> hub.get("/things/" + LAMP).body()
                .at("/status/status").asText().equals("ONLINE"));
    }

    private void define(String uid, String label, String owner, String channel, String itemType) {
        Answer defined = hub.postJson("/things", "{\"uid\": \"" + uid + "\", \"label\": \"" + label + "\", " + owner
                + ", \"configuration\": {\"channels\": [{\"id\": \"" + channel + "\", \"itemType\": \"" + itemType
                + "\", \"transform\": \"jsonpath:$." + channel + "\"}]}}");
        assertThat(defined.status()).as(defined.body().toString()).isEqualTo(201);
        await(uid + " online").atMost(PATIENCE).until(() -> hub.get("/things/" + uid).body()
                .at("/status/status").asText().equals("ONLINE"));
    }

    /** Pushes the document to the thing (as an admin) until the stream carries one more state of that thing. */
    private void pushUntilSeen(SseRecorder stream, String thing, String document) {
        long before = states(stream, thing);
        await(document + " to " + thing + " on the stream").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(hub.postJson("/ingest/" + thing, document).status()).isEqualTo(200);
                    return states(stream, thing) > before;
                });
    }

    private static long states(SseRecorder stream, String thing) {
        return stream.frames.stream().filter(frame -> frame.event().equals("state")
                && frame.data().contains("\"thingUID\":\"" + thing + "\"")).count();
    }

    /** Columns a terminal gives the text: two for each Chinese character. */
    private static int displayWidth(String text) {
        return text.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 2 : 1).sum();
    }

    private static String consent(String household, String grantee, String things) {
        return "{\"owner\": {\"household\": \"" + household + "\"}, \"grantee\": \"" + grantee + "\", \"select\":"
                + " {\"things\": " + things + "}, \"rights\": [\"read\"], \"purpose\": \"烟雾报警 smoke alarms to fire"
                + " rescue\"}";
    }

    private static List<String> uids(Answer answer) {
        List<String> uids = new ArrayList<>();
        answer.body().forEach(thing -> uids.add(thing.get("uid").asText()));
        return uids;
    }
}
