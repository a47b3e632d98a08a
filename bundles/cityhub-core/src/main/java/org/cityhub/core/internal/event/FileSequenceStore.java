package org.cityhub.core.internal.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cityhub.core.internal.storage.AtomicFile;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.JsonNode;

/** {@link SequenceStore} in {@code state/event-sequence.json}, written atomically. */
final class FileSequenceStore implements SequenceStore {

    private static final int SCHEMA_VERSION = 1;

    private final Path file;

    FileSequenceStore(Path file) {
        this.file = file;
    }

    @Override
    public long reservedUpTo() {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            JsonNode node = Json.parse(file.toFile());
            return node.path("reservedUpTo").asLong(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event sequence from " + file, e);
        }
    }

    @Override
    public void reserve(long upTo) {
        String json = Json.toText(Json.object().put("schemaVersion", SCHEMA_VERSION).put("reservedUpTo", upTo));
        try {
            AtomicFile.write(file, json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist the event sequence to " + file, e);
        }
    }
}
