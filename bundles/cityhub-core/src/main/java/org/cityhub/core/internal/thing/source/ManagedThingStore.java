package org.cityhub.core.internal.thing.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.storage.AtomicFile;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.json.Json;
import org.cityhub.json.ThingJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Managed things on disk: one JSON file per thing, {@code {"schemaVersion": 1, "enabled": …, "thing": {…}}},
 * each written atomically, so that a crash at any moment leaves the old or the new definition, never a broken one.
 */
final class ManagedThingStore {

    /** A stored thing and whether it is enabled. */
    record Entry(Thing thing, boolean enabled) {
    }

    static final int SCHEMA_VERSION = 1;

    private final Path folder;
    private final DamagedFiles damaged;

    ManagedThingStore(Path folder, DamagedFiles damaged) {
        this.folder = folder;
        this.damaged = damaged;
    }

    Path folder() {
        return folder;
    }

    /** Every stored thing; a file that cannot be read is set aside, leftovers of interrupted writes removed. */
    List<Entry> loadAll() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp")) {
                    Files.deleteIfExists(file); // a write interrupted before its rename
                } else if (name.endsWith(".json")) {
                    read(file, entries);
                }
            }
        }
        return entries;
    }

    private void read(Path file, List<Entry> entries) {
        try {
            JsonNode root = Json.parse(file.toFile());
            int version = root.path("schemaVersion").asInt(0);
            if (version != SCHEMA_VERSION) {
                throw new IllegalArgumentException("unknown schemaVersion " + version);
            }
            entries.add(new Entry(ThingJson.parseThing(root.path("thing")), root.path("enabled").asBoolean(true)));
        } catch (IOException | IllegalArgumentException e) {
            damaged.setAside(file, String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable"),
                    "the managed thing it defined; restore it from a backup or define it again");
        }
    }

    void save(Entry entry) throws IOException {
        ObjectNode root = Json.object().put("schemaVersion", SCHEMA_VERSION).put("enabled", entry.enabled());
        root.set("thing", ThingJson.thing(entry.thing()));
        AtomicFile.write(file(entry.thing().uid()), Json.toPrettyText(root).getBytes(StandardCharsets.UTF_8));
    }

    void delete(ThingUID uid) throws IOException {
        Files.deleteIfExists(file(uid));
    }

    /** {@code binding.type.id.json}: '.' cannot occur in a segment, so the name is unambiguous on every file system. */
    private Path file(ThingUID uid) {
        return folder.resolve(uid.toString().replace(':', '.') + ".json");
    }
}
