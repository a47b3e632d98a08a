package org.cityhub.core.internal.security;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import org.cityhub.api.admin.AuditEntry;
import org.cityhub.api.admin.AuditLog;
import org.cityhub.api.admin.AuditQuery;
import org.cityhub.api.config.ConfigValues;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.core.internal.storage.StateDirectory;
import org.cityhub.json.AdminJson;
import org.cityhub.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The audit trail as JSON lines in {@code state/audit.jsonl}, one entry per line, appended and flushed as each
 * entry is recorded. The file is rotated to {@code audit.1.jsonl} when it grows past its limit; the newest entries
 * are kept in memory for queries.
 */
@Component(service = AuditLog.class, immediate = true, configurationPid = "org.cityhub.audit")
@Designate(ocd = AuditTrail.Config.class)
public final class AuditTrail implements AuditLog {

    /** Typed configuration, PID {@code org.cityhub.audit}. */
    @ObjectClassDefinition(name = "CityHub audit trail", description = "Where and how much of the audit trail is kept")
    public @interface Config {

        @AttributeDefinition(description = "The hub's state folder; empty for ${karaf.base}/state")
        String stateDirectory() default "";

        @AttributeDefinition(description = "Newest entries kept in memory for queries", min = "100")
        int queryableEntries() default 10_000;

        @AttributeDefinition(description = "Size in MiB at which audit.jsonl is rotated to audit.1.jsonl", min = "1")
        int rotateMegabytes() default 16;
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final String PID = "org.cityhub.audit";

    private final Path file;
    private final Path rotated;
    private final int capacity;
    private final long rotateBytes;
    private static final int MAX_FIELD_CHARACTERS = 2_048;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Deque<AuditEntry> recent = new ArrayDeque<>(); // guarded by this
    private BufferedWriter writer; // guarded by this
    private boolean failing; // guarded by this

    @Activate
    public AuditTrail(@Reference DamagedFiles damaged, Config config) throws IOException {
        this(damaged, StateDirectory.resolve(config.stateDirectory()),
                ConfigValues.atLeast(PID, "queryableEntries", config.queryableEntries(), 100, 10_000),
                ConfigValues.atLeast(PID, "rotateMegabytes", config.rotateMegabytes(), 1, 16) * 1024L * 1024L);
    }

    AuditTrail(DamagedFiles damaged, Path folder, int capacity, long rotateBytes) throws IOException {
        this.file = folder.resolve("audit.jsonl");
        this.rotated = folder.resolve("audit.1.jsonl");
        this.capacity = capacity;
        this.rotateBytes = rotateBytes;
        Files.createDirectories(folder);
        load(rotated, damaged);
        load(file, damaged);
        writer = open();
    }

    @Deactivate
    synchronized void close() throws IOException {
        writer.close();
    }

    @Override
    public synchronized void record(AuditEntry given) {
        AuditEntry entry = bounded(given);
        remember(entry);
        try {
            if (Files.size(file) >= rotateBytes) {
                rotate();
            }
            writer.write(Json.toText(AdminJson.auditEntry(entry)));
            writer.newLine();
            writer.flush();
            failing = false;
        } catch (IOException e) {
            if (!failing) {
                LOG.error("the audit trail {} cannot be written ({}); entries are kept in memory only until it can",
                        file, e.toString());
            }
            failing = true;
        }
    }

    /**
     * The entry with each text cut to {@value #MAX_FIELD_CHARACTERS} characters: a request path or detail is
     * chosen by the caller, and the trail must not grow by megabytes for one request.
     */
    private static AuditEntry bounded(AuditEntry entry) {
        return new AuditEntry(entry.time(), cut(entry.actor()), cut(entry.source()), cut(entry.action()),
                cut(entry.target()), cut(entry.detail()), cut(entry.outcome()));
    }

    private static String cut(String text) {
        return text.length() <= MAX_FIELD_CHARACTERS ? text : text.substring(0, MAX_FIELD_CHARACTERS) + "… ("
                + (text.length() - MAX_FIELD_CHARACTERS) + " characters cut)";
    }

    @Override
    public synchronized List<AuditEntry> query(AuditQuery query) {
        Deque<AuditEntry> newest = new ArrayDeque<>();
        for (var entries = recent.descendingIterator(); entries.hasNext() && newest.size() < query.limit();) {
            AuditEntry entry = entries.next();
            if (query.matches(entry)) {
                newest.addFirst(entry);
            }
        }
        return new ArrayList<>(newest);
    }

    private void remember(AuditEntry entry) {
        recent.addLast(entry);
        if (recent.size() > capacity) {
            recent.removeFirst();
        }
    }

    private void rotate() throws IOException {
        writer.close();
        Files.move(file, rotated, StandardCopyOption.REPLACE_EXISTING);
        writer = open();
    }

    /** The trail, readable and writable by the hub's own user only: it names who did what to which thing. */
    private BufferedWriter open() throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system: its own access rules apply
            }
        } else if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Reads the entries of a trail file. Its bytes are decoded leniently (a write torn inside a UTF-8 character
     * becomes a replacement character, not an exception), and a line that is not an entry is skipped and counted:
     * the file stays in use, the damage is reported.
     */
    private void load(Path path, DamagedFiles damaged) {
        if (!Files.exists(path)) {
            return;
        }
        CharsetDecoder lenient = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        int skipped = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(path), lenient))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !parse(path, line)) {
                    skipped++;
                }
            }
        } catch (IOException e) {
            damaged.note(path, "cannot be read: " + e, "the entries it holds, from queries (the file is kept)");
            return;
        }
        if (skipped > 0) {
            damaged.note(path, skipped + " damaged line(s) skipped", "those entries, from queries (the file is kept)");
        }
    }

    /** Reads one line; a damaged line (say, cut short by a crash) is skipped with a warning. */
    private boolean parse(Path path, String line) {
        try {
            JsonNode node = Json.parse(line);
            remember(new AuditEntry(Instant.parse(node.path("time").asText()), node.path("actor").asText(),
                    node.path("source").asText(), node.path("action").asText(), node.path("target").asText(),
                    node.path("detail").asText(), node.path("outcome").asText()));
            return true;
        } catch (IOException | DateTimeParseException e) {
            LOG.warn("{}: skipped a damaged audit line: {}", path, e.getMessage());
            return false;
        }
    }
}
