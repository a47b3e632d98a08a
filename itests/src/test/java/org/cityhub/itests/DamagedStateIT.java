package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import javax.inject.Inject;

import org.cityhub.api.event.EventBus;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingUID;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The hub starts on damaged state files, one of each kind at once (the event sequence cut short, the token file
 * cut short, an audit line torn inside a UTF-8 character, an unreadable inbox, a managed thing's file cut short):
 * it comes up degraded, not down, says on {@code /api/health} and the console what it set aside and lost, and
 * everything else runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DamagedStateIT extends HubTestSupport {

    private static final Map<String, byte[]> DAMAGED = Map.of(
            "state/event-sequence.json", "{\"schemaVersion\": 1, \"reserved".getBytes(StandardCharsets.UTF_8),
            "state/tokens.json", "{\"schemaVersion\": 1, \"tokens\": [{\"name\": \"old\", \"sha".getBytes(
                    StandardCharsets.UTF_8),
            "state/audit.jsonl", tornAuditLine(),
            "state/inbox.json", new byte[] { 0, 1, 2, (byte) 0xff, '{' },
            "state/things/simulator.streetlight.lost.json", "{\"schemaVersion\": 1, \"thing\": {\"uid\": \"simul"
                    .getBytes(StandardCharsets.UTF_8));

    @Inject
    private ThingRegistry things;

    @Inject
    private EventBus bus;

    @Configuration
    public Option[] configuration() {
        Option[] damaged = DAMAGED.entrySet().stream()
                .map(file -> replaceConfigurationFile(file.getKey(), written(file.getKey(), file.getValue())))
                .toArray(Option[]::new);
        return CityHubDistribution.options(damaged);
    }

    @Test
    public void theHubComesUpDegradedSayingWhatItSetAsideAndEverythingElseRuns() throws Exception {
        JsonNode health = hub.get("/health").body();
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.get("ready").asBoolean()).isTrue();
        String detail = health.at("/checks/state-files/detail").asText();
        assertThat(detail).contains("event-sequence.json was damaged", "tokens.json was damaged", "audit.jsonl was damaged",
                "inbox.json was damaged", "simulator.streetlight.lost.json was damaged", "set aside as");
        assertThat(hub.as(null).get("/health").body().get("status").asText()).isEqualTo("DEGRADED");

        await("the demo city runs").atMost(PATIENCE).until(() -> things.getStatus(
                ThingUID.parse("simulator:streetlight:harbour-1")).status() == ThingStatus.ONLINE);
        assertThat(bus.publish("test/after-damage", "probe", "{}", "itest").sequence())
                .as("numbered above the clock's floor, so above every number the lost mark covered")
                .isGreaterThan(System.currentTimeMillis() * 900);
        assertThat(hub.get("/audit?limit=5").status()).isEqualTo(200);
        assertThat(hub.get("/inbox").status()).isEqualTo(200);

        Path state = Path.of(System.getProperty("karaf.base"), "state");
        try (var files = Files.list(state)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("tokens.json.damaged-"))
                    .anyMatch(name -> name.startsWith("event-sequence.json.damaged-"))
                    .anyMatch(name -> name.startsWith("inbox.json.damaged-"));
        }
    }

    /** A good audit line, then one cut inside the two bytes of a UTF-8 character. */
    private static byte[] tornAuditLine() {
        byte[] good = ("{\"time\": \"2026-11-25T10:00:00Z\", \"actor\": \"token:a\", \"source\": \"rest\", \"action\":"
                + " \"POST /things\", \"target\": \"x\", \"detail\": \"\", \"outcome\": \"201\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] torn = "{\"time\": \"2026-11-25T10:01:00Z\", \"detail\": \"Stra\u00df".getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(good, good.length + torn.length - 1);
        System.arraycopy(torn, 0, all, good.length, torn.length - 1);
        return all;
    }

    private static File written(String name, byte[] content) {
        try {
            File file = Files.createTempFile("damaged-", "-" + name.replace('/', '_')).toFile();
            Files.write(file.toPath(), content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
