package org.cityhub.core.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.cityhub.api.admin.AuditEntry;
import org.cityhub.api.admin.AuditQuery;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    private final DamagedFiles damaged = new DamagedFiles();

    @TempDir
    Path state;

    private static AuditEntry entry(int second, String actor, String action) {
        return new AuditEntry(Instant.parse("2026-11-25T10:00:00Z").plusSeconds(second), actor, "127.0.0.1", action,
                "simulator:streetlight:s1", "", "202");
    }

    @Test
    void entriesSurviveARestartAndFilterByActorActionAndTime() throws Exception {
        AuditTrail trail = new AuditTrail(damaged, state, 100, 1 << 20);
        trail.record(entry(1, "token:ops", "POST /things/{uid}/channels/{channel}/command"));
        trail.record(entry(2, "console:admin", "cityhub:thing-remove"));
        trail.record(entry(3, "token:ops", "DELETE /things/{uid}"));
        trail.close();

        AuditTrail restarted = new AuditTrail(damaged, state, 100, 1 << 20);
        assertThat(restarted.query(new AuditQuery(null, null, null, null, 10))).hasSize(3);
        assertThat(restarted.query(new AuditQuery(null, "token:ops", null, null, 10))).extracting(AuditEntry::action)
                .containsExactly("POST /things/{uid}/channels/{channel}/command", "DELETE /things/{uid}");
        assertThat(restarted.query(new AuditQuery(entry(2, "", "").time(), null, null, null, 10))).hasSize(2);
        assertThat(restarted.query(new AuditQuery(null, null, null, null, 1))).extracting(AuditEntry::action)
                .containsExactly("DELETE /things/{uid}");
        restarted.close();
    }

    /** Issue 17, item 4: a caller-chosen text (a path, a detail) cannot grow the trail by megabytes. */
    @Test
    void longTextsAreCutToTwoThousandCharacters() throws Exception {
        AuditTrail trail = new AuditTrail(damaged, state, 100, 1 << 20);
        trail.record(new AuditEntry(Instant.parse("2026-11-25T10:00:00Z"), "token:ops", "127.0.0.1", "POST /x",
                "/api/" + "a".repeat(1 << 20), "d".repeat(5_000), "404"));
        trail.close();

        AuditEntry kept = trail.query(new AuditQuery(null, null, null, null, 1)).get(0);
        assertThat(kept.target()).hasSize(2_048 + "… (1046533 characters cut)".length()).endsWith("characters cut)");
        assertThat(kept.detail()).startsWith("ddd").endsWith("… (2952 characters cut)");
        assertThat(Files.size(state.resolve("audit.jsonl"))).isLessThan(8_192);
    }

    @Test
    void theFileRotatesAndMemoryKeepsTheNewest() throws Exception {
        AuditTrail trail = new AuditTrail(damaged, state, 100, 512);
        for (int i = 0; i < 150; i++) {
            trail.record(entry(i, "token:t" + i, "DELETE /things/{uid}"));
        }
        trail.close();
        assertThat(state.resolve("audit.1.jsonl")).exists();
        assertThat(Files.size(state.resolve("audit.jsonl"))).isLessThan(1024);
        assertThat(trail.query(new AuditQuery(null, null, null, null, 1000))).hasSize(100).last()
                .extracting(AuditEntry::actor).isEqualTo("token:t149");
    }

    @Test
    void theTrailIsReadableByTheHubsOwnUserOnly() throws Exception {
        AuditTrail trail = new AuditTrail(damaged, state, 100, 1 << 20);
        trail.record(entry(1, "token:a", "DELETE /things/{uid}"));
        trail.close();

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                state.resolve("audit.jsonl")))).isEqualTo("rw-------");
    }

    @Test
    void aDamagedLineIsSkippedNotFatal() throws Exception {
        AuditTrail trail = new AuditTrail(damaged, state, 100, 1 << 20);
        trail.record(entry(1, "token:a", "DELETE /things/{uid}"));
        trail.close();
        Files.writeString(state.resolve("audit.jsonl"), "{\"time\": \"2026-11\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        AuditTrail restarted = new AuditTrail(damaged, state, 100, 1 << 20);
        assertThat(restarted.query(new AuditQuery(null, null, null, null, 10))).hasSize(1);
        restarted.close();
        assertThat(damaged.damages()).singleElement().satisfies(damage ->
                assertThat(damage.problem()).isEqualTo("1 damaged line(s) skipped"));
    }

    @Test
    void aWriteTornInsideAUtf8CharacterStopsNothing() throws Exception {
        AuditTrail trail = new AuditTrail(damaged, state, 100, 1 << 20);
        trail.record(entry(1, "token:a", "DELETE /things/{uid}"));
        trail.close();
        byte[] torn = "{\"time\": \"2026-11-25T10:00:00Z\", \"detail\": \"Straße ".getBytes(StandardCharsets.UTF_8);
        Files.write(state.resolve("audit.jsonl"), java.util.Arrays.copyOf(torn, torn.length - 2),
                StandardOpenOption.APPEND); // cut inside the two bytes of 'ß' ... and the line

        AuditTrail restarted = new AuditTrail(damaged, state, 100, 1 << 20);
        restarted.record(entry(2, "token:b", "POST /things"));

        assertThat(restarted.query(new AuditQuery(null, null, null, null, 10))).hasSize(2);
        assertThat(damaged.check().degraded()).isTrue();
        restarted.close();
    }
}
