package org.cityhub.core.internal.thing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cityhub.api.thing.Thing;
import org.cityhub.core.json.ModelJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads thing files, {@code {"things": [ thing, … ]}}, from a folder. */
final class ThingFileReader {

    private static final Logger LOG = LoggerFactory.getLogger(ThingFileReader.class);

    private ThingFileReader() {
    }

    /** The things of every {@code *.json} file in the folder; a file with an error is logged and skipped whole. */
    static List<Thing> readFolder(Path folder) {
        List<Thing> things = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            LOG.info("no thing files: {} is not a folder", folder);
            return things;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : files) {
                try {
                    things.addAll(read(file));
                } catch (IOException | IllegalArgumentException e) {
                    LOG.error("thing file {} was skipped: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.error("cannot list thing files in {}: {}", folder, e.toString());
        }
        return things;
    }

    /** @throws IllegalArgumentException naming the thing (by position) and what is wrong with it */
    static List<Thing> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = ModelJson.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.path("things").isArray()) {
            throw new IllegalArgumentException("expected an object {\"things\": [ … ]}");
        }
        List<Thing> things = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.get("things")) {
            try {
                things.add(ModelJson.parseThing(node));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("things[" + index + "]: " + e.getMessage(), e);
            }
            index++;
        }
        return things;
    }
}
