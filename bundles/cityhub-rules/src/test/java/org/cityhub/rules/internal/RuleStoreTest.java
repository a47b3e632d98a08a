package org.cityhub.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleStoreTest {

    @TempDir
    Path state;

    @Test
    void managedRulesAndTheEnginesMemorySurviveARestart() throws Exception {
        RuleStore store = new RuleStore(state);
        store.saveManaged("canal-now", "{\"label\": \"x\"}");
        store.saveManaged("gone", "{}");
        store.removeManaged("gone");
        Instant since = Instant.parse("2026-12-04T01:00:00Z");
        store.saveMemory(new RuleStore.Memory(Set.of("evening-lights"), Map.of("canal-flood", Map.of("/triggers/0",
                new RuleRuntime.ThresholdState(since, false), "/triggers/1", new RuleRuntime.ThresholdState(null,
                        true)))));

        RuleStore restarted = new RuleStore(state);

        assertThat(restarted.loadManaged()).containsExactly(Map.entry("canal-now", "{\"label\": \"x\"}"));
        RuleStore.Memory memory = restarted.loadMemory();
        assertThat(memory.disabled()).containsExactly("evening-lights");
        assertThat(memory.thresholds().get("canal-flood")).containsEntry("/triggers/0",
                new RuleRuntime.ThresholdState(since, false)).containsEntry("/triggers/1",
                        new RuleRuntime.ThresholdState(null, true));
    }

    @Test
    void aDamagedMemoryIsSetAsideAndTheEngineStartsWithout() throws Exception {
        Files.createDirectories(state);
        Files.writeString(state.resolve("memory.json"), "{\"schemaVersion\": 1, \"thresholds\": {\"r\": {\"/t\":"
                + " {\"since\": \"yesterday\"}}}}", StandardCharsets.UTF_8);

        RuleStore.Memory memory = new RuleStore(state).loadMemory();

        assertThat(memory).isEqualTo(RuleStore.Memory.EMPTY);
        assertThat(Files.exists(state.resolve("memory.json"))).isFalse();
        try (var files = Files.list(state)) {
            assertThat(files.map(file -> file.getFileName().toString())).anyMatch(name -> name.startsWith(
                    "memory.json.damaged-"));
        }
    }
}
