package org.cityhub.itests;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.cityhub.itests.HubClient.SseFrame;

/**
 * An SSE client that reads only when the test says so, over a plain socket with a small receive buffer: the
 * hub's frames pile up for it as they would for a phone on a bad network. What it read is kept raw and decoded
 * (HTTP chunks, then SSE frames) at the end.
 */
final class SlowSseClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream read = new ByteArrayOutputStream();

    SlowSseClient(int port, String token, String query) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(4_096);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.getOutputStream().write(("GET /api/events" + query + " HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer "
                + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        in = socket.getInputStream();
    }

    /** The bytes read so far, headers and chunking included. */
    int bytesRead() {
        return read.size();
    }

    /** Reads this many bytes of the response (none if not positive), waiting for the hub to send them. */
    void read(int bytes) throws IOException {
        if (bytes <= 0) {
            return;
        }
        byte[] taken = in.readNBytes(bytes);
        if (taken.length < bytes) {
            throw new IOException("the hub closed the stream after " + (read.size() + taken.length) + " bytes");
        }
        read.write(taken);
    }

    /**
     * Reads on until the frames so far satisfy the condition (looked at whenever the client has caught up with what
     * the network holds), or fails after 30 s of silence.
     */
    void readUntil(Predicate<List<SseFrame>> done) throws IOException {
        byte[] buffer = new byte[65_536];
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the hub closed the stream before the client had what it waited for");
            }
            read.write(buffer, 0, n);
            if (in.available() == 0 && done.test(frames())) {
                return;
            }
        }
    }

    /** The frames read so far (a frame cut off at the end is left out). */
    List<SseFrame> frames() throws IOException {
        String raw = read.toString(StandardCharsets.ISO_8859_1);
        int bodyStart = raw.indexOf("\r\n\r\n") + 4;
        String head = raw.substring(0, bodyStart).toLowerCase(Locale.ROOT);
        byte[] body = raw.substring(bodyStart).getBytes(StandardCharsets.ISO_8859_1);
        String text = head.contains("transfer-encoding: chunked") ? unchunked(body)
                : new String(body, StandardCharsets.UTF_8);
        List<SseFrame> frames = new ArrayList<>();
        HubClient.readFrames(new BufferedReader(new StringReader(text)), frames::add);
        return frames;
    }

    private static String unchunked(byte[] body) throws IOException {
        InputStream chunks = new ByteArrayInputStream(body);
        BufferedReader sizes = new BufferedReader(new InputStreamReader(chunks, StandardCharsets.ISO_8859_1), 1);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        while (true) {
            String size = sizes.readLine();
            if (size == null || size.isEmpty() && (size = sizes.readLine()) == null) {
                break; // the end of what was read
            }
            int length = Integer.parseInt(size.trim(), 16);
            byte[] chunk = new byte[length];
            int got = 0;
            for (int c; got < length && (c = sizes.read()) >= 0; got++) {
                chunk[got] = (byte) c;
            }
            content.write(chunk, 0, got);
            if (got < length || length == 0) {
                break;
            }
        }
        return content.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
