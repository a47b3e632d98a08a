package org.cityhub.core.internal.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.cityhub.core.internal.storage.AtomicFile;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@link SequenceStore} in {@code state/event-sequence.json}, written atomically.
 *
 * <p>Numbering starts above the stored high-water mark and never below a floor taken from the clock (a thousand
 * numbers per millisecond since 1970, far more than the bus ever publishes). So numbers keep increasing across
 * restarts even when the mark is lost: a damaged file (set aside), or a write that failed before the hub stopped.
 */
final class FileSequenceStore implements SequenceStore {

    private static final int SCHEMA_VERSION = 1;
    private static final long NUMBERS_PER_MILLISECOND = 1_000;

    private final Path file;
    private final DamagedFiles damaged;
    private final Clock clock;
    private boolean writeFailed; // guarded by the bus's publish lock

    FileSequenceStore(Path file, DamagedFiles damaged, Clock clock) {
        this.file = file;
        this.damaged = damaged;
        this.clock = clock;
    }

    @Override
    public long reservedUpTo() {
        long floor = clock.millis() * NUMBERS_PER_MILLISECOND;
        return Math.max(stored(floor), floor);
    }

    private long stored(long floor) {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            JsonNode node = Json.parse(file.toFile());
            JsonNode mark = node == null ? null : node.get("reservedUpTo");
            if (node == null || node.path("schemaVersion").asInt() != SCHEMA_VERSION || mark == null
                    || !mark.canConvertToExactIntegral() || mark.asLong() < 0) {
                throw new IOException("not {\"schemaVersion\": 1, \"reservedUpTo\": <number>}");
            }
            return mark.asLong();
        } catch (IOException e) {
            damaged.setAside(file, e.getMessage().lines().findFirst().orElse("unreadable"), "the event sequence's"
                    + " high-water mark; numbering continues from " + floor + ", above every number given before");
            return 0;
        }
    }

    @Override
    public void reserve(long upTo) {
        String json = Json.toText(Json.object().put("schemaVersion", SCHEMA_VERSION).put("reservedUpTo", upTo));
        try {
            AtomicFile.write(file, json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // publishing goes on: the clock's floor keeps numbers increasing after a restart without the mark
            if (!writeFailed) {
                writeFailed = true;
                damaged.note(file, "cannot be written: " + e, "nothing yet; after a restart, numbering continues"
                        + " from the clock's floor");
            }
        }
    }
}
