package org.cityhub.history.internal;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.json.Json;
import org.cityhub.json.StateJson;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Points that did not fit in memory while the store was away, kept in order in a file (one JSON line each) until
 * the store takes them, up to a size. Read in batches from where the store's last commit ended; emptied once all
 * are written. A file left by an earlier run is read first at start: points already written then are written
 * again and ignored by the store (a channel keeps one point per time). A line that cannot be read (the end of a
 * file cut by a crash) is skipped and counted.
 */
final class SpillFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpillFile.class);

    private final Path file;
    private final long maxBytes;
    private @Nullable OutputStream out; // guarded by this
    private long length; // guarded by this: bytes appended, flushed or not
    private long committed; // guarded by this: bytes the store has taken
    private long readEnd; // guarded by this: where the last batch read ends
    private long points; // guarded by this: points waiting in the file
    private long unreadable; // guarded by this

    SpillFile(Path file, long maxBytes) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            length = Files.size(file);
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                points = lines.lines().count();
            }
            if (points > 0) {
                LOG.info("History: {} points of an earlier run wait in {} and are written first", points, file);
            }
        }
    }

    /** Appends a point; {@code false} if the file has reached its size. */
    synchronized boolean append(HistoricState state, long sequence) throws IOException {
        byte[] line = (Json.toText(Json.object().put("c", state.channel().toString())
                .put("t", PointCodec.micros(state.time())).put("q", sequence)
                .set("s", StateJson.state(state.state(), null))) + "\n").getBytes(StandardCharsets.UTF_8);
        if (length + line.length > maxBytes) {
            return false;
        }
        if (out == null) {
            out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND), 64 * 1024);
        }
        out.write(line);
        length += line.length;
        points++;
        return true;
    }

    /** Whether every point appended has been written to the store. */
    synchronized boolean isEmpty() {
        return points == 0;
    }

    /** Up to {@code max} points from where the last commit ended, oldest first. */
    synchronized List<PointWriter.Pending> read(int max) throws IOException {
        List<PointWriter.Pending> batch = new ArrayList<>();
        if (points == 0) {
            return batch;
        }
        if (out != null) {
            out.flush();
        }
        long position = committed;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(committed);
            BufferedReader lines = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            String line;
            while (batch.size() < max && (line = lines.readLine()) != null) {
                position += line.getBytes(StandardCharsets.UTF_8).length + 1;
                try {
                    batch.add(parse(line));
                } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
                    unreadable++;
                    points--;
                }
            }
        }
        readEnd = position;
        return batch;
    }

    private static PointWriter.Pending parse(String line) throws IOException {
        JsonNode node = Json.parse(line);
        return new PointWriter.Pending(new HistoricState(ChannelUID.parse(node.path("c").asText()),
                PointCodec.instant(node.path("t").asLong()), StateJson.parseState(node.get("s"))),
                node.path("q").asLong());
    }

    /** The batch last read is in the store; once nothing is left, the file starts over empty. */
    synchronized void committed(int count) throws IOException {
        committed = readEnd;
        points -= count;
        if (committed >= length && points <= 0) {
            if (out != null) {
                out.close();
                out = null;
            }
            Files.deleteIfExists(file);
            length = 0;
            committed = 0;
            readEnd = 0;
            points = 0;
        }
    }

    synchronized long points() {
        return points;
    }

    synchronized long bytes() {
        return length - committed;
    }

    synchronized long unreadable() {
        return unreadable;
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
