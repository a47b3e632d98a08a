package org.cityhub.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Set;

import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The city's districts as its configuration defines them ({@code etc/districts.geojson}, a GeoJSON feature collection
 * of polygons, each with a {@code name}), which the map draws when it has no tile server. The file is read again when
 * it changes. A damaged file never reaches a page: the page gets no districts and a {@code problem} naming the file
 * and what is wrong, which is logged once.
 */
final class DistrictOutlines {

    private static final Logger LOG = LoggerFactory.getLogger(DistrictOutlines.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> AREAS = Set.of("Polygon", "MultiPolygon");
    private static final long MAX_BYTES = 8L * 1024 * 1024;

    private final Path file;
    private Answer last = new Answer(FileTime.fromMillis(0), -1, "");

    DistrictOutlines(Path file) {
        this.file = file;
    }

    /** The districts as the pages read them: the file's features, or none with a {@code problem}. */
    synchronized String json() {
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return emptyWith(null);
        } catch (IOException e) {
            return emptyWith(file + ": " + e.getMessage());
        }
        if (!Objects.equals(modified, last.modified()) || size != last.size()) {
            last = new Answer(modified, size, read(size));
        }
        return last.json();
    }

    private String read(long size) {
        try {
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException("it has " + size + " bytes; district outlines may have "
                        + MAX_BYTES + " at most (simplify the polygons)");
            }
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            check(root);
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            return problem("line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException | IOException e) {
            return problem(e.getMessage());
        }
    }

    private String problem(String what) {
        String message = file + ": " + what + "; the map shows no districts until it is mended";
        LOG.warn(message);
        return emptyWith(message);
    }

    /** @throws IllegalArgumentException saying which feature is wrong and how */
    static void check(JsonNode root) {
        if (!"FeatureCollection".equals(root.path("type").asText()) || !root.path("features").isArray()) {
            throw new IllegalArgumentException("a GeoJSON FeatureCollection {\"type\": \"FeatureCollection\","
                    + " \"features\": [...]} is expected");
        }
        int index = 0;
        for (JsonNode feature : root.get("features")) {
            index++;
            String type = feature.path("geometry").path("type").asText();
            if (!AREAS.contains(type) || !feature.path("geometry").path("coordinates").isArray()) {
                throw new IllegalArgumentException("feature " + index + " must have a Polygon or MultiPolygon"
                        + " geometry with coordinates, had '" + type + "'");
            }
            if (!feature.path("properties").path("name").isTextual()) {
                throw new IllegalArgumentException("feature " + index + " must have properties.name, the district as"
                        + " things name it in their 'district' property");
            }
        }
    }

    private static String emptyWith(@Nullable String problem) {
        ObjectNode empty = JSON.createObjectNode().put("type", "FeatureCollection");
        empty.putArray("features");
        if (problem != null) {
            empty.put("problem", problem);
        }
        return empty.toString();
    }

    private record Answer(FileTime modified, long size, String json) {
    }
}
