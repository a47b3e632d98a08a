package org.cityhub.rules.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule files, {@code etc/rules/<id>.json}, one rule each: what appeared, changed or went since the last look.
 * Confined to the engine's polling thread.
 */
final class RuleFiles {

    private static final Logger LOG = LoggerFactory.getLogger(RuleFiles.class);

    /** What changed: the documents of new and changed files by rule id, and the ids of files that went. */
    record Changes(Map<String, String> changed, Set<String> removed) {
        boolean isEmpty() {
            return changed.isEmpty() && removed.isEmpty();
        }
    }

    private record Seen(long modified, long size) {
    }

    private final Path folder;
    private final Map<String, Seen> seen = new HashMap<>();

    RuleFiles(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    /** The file of a rule, as problems name it: {@code rules/<id>.json}. */
    String nameOf(String id) {
        return folder.getFileName() + "/" + id + ".json";
    }

    Changes look() {
        Map<String, String> changed = new LinkedHashMap<>();
        Set<String> present = new HashSet<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    String id = name.substring(0, name.length() - ".json".length());
                    present.add(id);
                    read(id, file, changed);
                }
            } catch (IOException e) {
                LOG.error("the rule files in {} cannot be listed: {}", folder, e.toString());
                return new Changes(Map.of(), Set.of());
            }
        }
        Set<String> removed = new HashSet<>(seen.keySet());
        removed.removeAll(present);
        removed.forEach(seen::remove);
        return new Changes(changed, removed);
    }

    private void read(String id, Path file, Map<String, String> changed) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Seen now = new Seen(attributes.lastModifiedTime().toMillis(), attributes.size());
            if (!now.equals(seen.get(id))) {
                // bytes that are not UTF-8 become U+FFFD, so that a damaged file is reported as invalid JSON
                changed.put(id, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                seen.put(id, now);
            }
        } catch (IOException e) {
            LOG.warn("rule file {} cannot be read: {}", file, e.toString());
        }
    }
}
