package org.cityhub.rules.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.cityhub.json.AtomicFiles;
import org.cityhub.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the rules keep across restarts, under {@code state/rules/}: the managed rules' documents
 * ({@code managed/<id>.json}), and the engine's memory ({@code memory.json}: which rules are switched off, and
 * since when each threshold has been passed). Every file is written atomically; a damaged one is set aside and the
 * engine starts without it, never the hub stopped.
 */
final class RuleStore {

    private static final Logger LOG = LoggerFactory.getLogger(RuleStore.class);
    private static final int SCHEMA_VERSION = 1;

    /** The engine's memory. */
    record Memory(Set<String> disabled, Map<String, Map<String, RuleRuntime.ThresholdState>> thresholds) {
        static final Memory EMPTY = new Memory(Set.of(), Map.of());
    }

    private final Path managed;
    private final Path memory;

    RuleStore(Path folder) {
        this.managed = folder.resolve("managed");
        this.memory = folder.resolve("memory.json");
    }

    /** The managed rules' documents, by id. */
    Map<String, String> loadManaged() {
        Map<String, String> rules = new LinkedHashMap<>();
        if (!Files.isDirectory(managed)) {
            return rules;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(managed, "*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    // bytes that are not UTF-8 become U+FFFD: the rule is then refused as invalid JSON, and listed
                    rules.put(name.substring(0, name.length() - ".json".length()),
                            new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    LOG.error("managed rule {} cannot be read: {}", file, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.error("the managed rules in {} cannot be read: {}", managed, e.toString());
        }
        return rules;
    }

    void saveManaged(String id, String definition) throws IOException {
        AtomicFiles.write(managed.resolve(id + ".json"), definition.getBytes(StandardCharsets.UTF_8));
    }

    void removeManaged(String id) throws IOException {
        Files.deleteIfExists(managed.resolve(id + ".json"));
    }

    Memory loadMemory() {
        if (!Files.exists(memory)) {
            return Memory.EMPTY;
        }
        try {
            JsonNode root = Json.parse(memory.toFile());
            if (root == null || root.path("schemaVersion").asInt() != SCHEMA_VERSION) {
                throw new IOException("not {\"schemaVersion\": " + SCHEMA_VERSION + ", …}");
            }
            Set<String> disabled = new HashSet<>();
            root.path("disabled").forEach(id -> disabled.add(id.asText()));
            Map<String, Map<String, RuleRuntime.ThresholdState>> thresholds = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> rules = root.path("thresholds").fields(); rules.hasNext();) {
                Map.Entry<String, JsonNode> rule = rules.next();
                Map<String, RuleRuntime.ThresholdState> states = new HashMap<>();
                rule.getValue().fields().forEachRemaining(trigger -> states.put(trigger.getKey(), threshold(trigger
                        .getValue())));
                thresholds.put(rule.getKey(), states);
            }
            return new Memory(disabled, thresholds);
        } catch (IOException | RuntimeException e) {
            Path aside = memory.resolveSibling("memory.json.damaged-" + System.currentTimeMillis());
            LOG.error("{} is damaged ({}); set aside as {}; the rules start without their memory: every rule enabled,"
                    + " every threshold armed", memory, e.getMessage(), aside);
            try {
                Files.move(memory, aside);
            } catch (IOException moveFailed) {
                LOG.error("{} could not be set aside: {}", memory, moveFailed.toString());
            }
            return Memory.EMPTY;
        }
    }

    private static RuleRuntime.ThresholdState threshold(JsonNode node) {
        String since = node.path("since").asText("");
        return new RuleRuntime.ThresholdState(since.isEmpty() ? null : Instant.parse(since),
                node.path("fired").asBoolean());
    }

    void saveMemory(Memory state) throws IOException {
        ObjectNode root = Json.object().put("schemaVersion", SCHEMA_VERSION);
        state.disabled().stream().sorted().forEach(root.putArray("disabled")::add);
        ObjectNode thresholds = root.putObject("thresholds");
        state.thresholds().forEach((rule, triggers) -> {
            ObjectNode node = thresholds.putObject(rule);
            triggers.forEach((pointer, threshold) -> {
                ObjectNode entry = node.putObject(pointer).put("fired", threshold.fired());
                if (threshold.since() != null) {
                    entry.put("since", threshold.since().toString());
                }
            });
        });
        AtomicFiles.write(memory, Json.toPrettyText(root).getBytes(StandardCharsets.UTF_8));
    }
}
