package org.cityhub.rules.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule files, {@code etc/rules/<id>.json}, one rule each: what appeared, changed or went since the last look.
 * The file system tells which files changed (a watch service), so that a look costs nothing however many rules
 * there are; every so many looks, and whenever the watch lost track, the whole folder is compared as well.
 * Confined to the engine's control thread.
 */
final class RuleFiles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleFiles.class);
    /** A whole comparison of the folder every this many looks, in case the watch missed something. */
    private static final int FULL_LOOK_EVERY = 30;

    /** What changed: the documents of new and changed files by rule id, and the ids of files that went. */
    record Changes(Map<String, String> changed, Set<String> removed) {
    }

    private record Seen(long modified, long size) {
    }

    private final Path folder;
    private final Map<String, Seen> seen = new HashMap<>();
    private @Nullable WatchService watcher;
    private int looks;

    RuleFiles(Path folder) {
        this.folder = folder;
    }

    /** The file of a rule, as problems name it: {@code rules/<id>.json}. */
    String nameOf(String id) {
        return folder.getFileName() + "/" + id + ".json";
    }

    Changes look() {
        if (watcher == null || looks++ % FULL_LOOK_EVERY == 0) {
            watch();
            return fullLook();
        }
        Set<String> named = new HashSet<>();
        WatchKey key;
        while ((key = watcher.poll()) != null) {
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    key.reset();
                    return fullLook();
                }
                named.add(event.context().toString());
            }
            if (!key.reset()) { // the folder went
                close();
                return fullLook();
            }
        }
        Map<String, String> changed = new LinkedHashMap<>();
        Set<String> removed = new HashSet<>();
        for (String name : named) {
            if (!name.endsWith(".json")) {
                continue;
            }
            String id = name.substring(0, name.length() - ".json".length());
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                read(id, file, changed);
            } else if (seen.remove(id) != null) {
                removed.add(id);
            }
        }
        return new Changes(changed, removed);
    }

    /** Starts watching the folder once it exists. */
    private void watch() {
        if (watcher != null || !Files.isDirectory(folder)) {
            return;
        }
        try {
            WatchService service = folder.getFileSystem().newWatchService();
            folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            watcher = service;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("the rule files in {} cannot be watched ({}); they are compared whole at each look", folder,
                    e.toString());
        }
    }

    /** Compares the whole folder with what was seen. */
    private Changes fullLook() {
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

    @Override
    public void close() {
        WatchService service = watcher;
        watcher = null;
        if (service != null) {
            try {
                service.close();
            } catch (IOException | ClosedWatchServiceException e) {
                LOG.debug("closing the rule files' watch: {}", e.toString());
            }
        }
    }
}
