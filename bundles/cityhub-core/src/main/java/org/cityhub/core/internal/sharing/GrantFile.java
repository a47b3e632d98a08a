package org.cityhub.core.internal.sharing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.cityhub.api.sharing.Grant;
import org.cityhub.core.internal.storage.AtomicFile;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.json.Json;
import org.cityhub.json.SharingJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The grants on disk, {@code state/grants.json}: {@code {"schemaVersion": 1, "grants": [...]}}, ended ones
 * included, written atomically. A damaged file is set aside and a damaged entry skipped, never the hub stopped:
 * a lost grant shares less, never more.
 */
final class GrantFile {

    static final int SCHEMA_VERSION = 1;

    private final Path file;

    GrantFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    List<Grant> load(DamagedFiles damaged) {
        List<Grant> grants = new ArrayList<>();
        if (!Files.exists(file)) {
            return grants;
        }
        JsonNode root;
        try {
            root = Json.parse(file.toFile());
            if (root == null || root.path("schemaVersion").asInt() != SCHEMA_VERSION) {
                throw new IOException("not {\"schemaVersion\": " + SCHEMA_VERSION + ", \"grants\": [...]}");
            }
        } catch (IOException e) {
            damaged.setAside(file, String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable"),
                    "every grant: departments see only their own things until the grants are made again");
            return grants;
        }
        List<String> skipped = new ArrayList<>();
        for (JsonNode node : root.path("grants")) {
            try {
                grants.add(SharingJson.parseGrant(node));
            } catch (IllegalArgumentException e) {
                skipped.add(node.path("id").asText("?") + ": " + e.getMessage());
            }
        }
        if (!skipped.isEmpty()) {
            damaged.note(file, skipped.size() + " grant" + (skipped.size() == 1 ? "" : "s") + " unreadable: "
                    + String.join("; ", skipped), "those grants: their grantees see less until they are made again");
        }
        return grants;
    }

    void save(List<Grant> grants, Instant now) throws IOException {
        ObjectNode root = Json.object().put("schemaVersion", SCHEMA_VERSION);
        grants.forEach(grant -> root.withArray("grants").add(SharingJson.grant(grant, now)));
        AtomicFile.write(file, Json.toPrettyText(root).getBytes(StandardCharsets.UTF_8));
    }
}
