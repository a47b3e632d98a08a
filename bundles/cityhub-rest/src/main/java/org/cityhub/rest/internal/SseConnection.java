package org.cityhub.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.MissedEvents;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.admin.TokenInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSE client. Events are formatted once into frames and written with the Servlet API's non-blocking I/O:
 * no thread waits on a slow client. A client that stops reading fills its frame queue and is then dropped,
 * without touching anyone else.
 */
final class SseConnection implements EventSubscriber, WriteListener, AsyncListener {

    private static final Logger LOG = LoggerFactory.getLogger(SseConnection.class);
    private static final int MAX_BATCH = 64 * 1024;
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    private final String name;
    private final TokenInfo token;
    private final Predicate<Event> visible;
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final Backlog backlog;
    private final SseFrameWriter frames;
    private final Consumer<SseConnection> onClose;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>(); // guarded by this
    private long pendingBytes; // guarded by this
    private boolean unflushed; // guarded by this
    private boolean closed; // guarded by this
    private boolean slow; // guarded by this
    private volatile Subscription subscription;

    /** How far a client may fall behind before it is disconnected: frames waiting, and their bytes. */
    record Backlog(int frames, long bytes) {
    }

    SseConnection(String name, TokenInfo token, Predicate<Event> visible, AsyncContext async, Backlog backlog,
            SseFrameWriter frames, Consumer<SseConnection> onClose) throws IOException {
        this.name = name;
        this.token = token;
        this.visible = visible;
        this.async = async;
        this.out = async.getResponse().getOutputStream();
        this.backlog = backlog;
        this.frames = frames;
        this.onClose = onClose;
    }

    /** Switches the response to non-blocking writes and sends the opening frame. */
    void open(String firstFrame) {
        async.addListener(this);
        out.setWriteListener(this);
        send(firstFrame.getBytes(StandardCharsets.UTF_8));
    }

    void attach(Subscription subscription) {
        this.subscription = subscription;
        synchronized (this) {
            if (!closed) {
                return;
            }
        }
        subscription.close();
    }

    String name() {
        return name;
    }

    /** The token the stream was opened with. */
    TokenInfo token() {
        return token;
    }

    /** Whether the connection was closed because the client stopped reading. */
    synchronized boolean droppedAsSlow() {
        return slow;
    }

    @Override
    public void onEvent(Event event) {
        if (visible.test(event)) {
            send(frames.event(event));
        }
    }

    @Override
    public void onMissed(MissedEvents missed) {
        send(SseFrameWriter.missed(missed));
    }

    void heartbeat() {
        send(HEARTBEAT);
    }

    private void send(byte[] frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (pending.isEmpty() || pending.size() < backlog.frames() && pendingBytes + frame.length <= backlog.bytes()) {
                pending.add(frame);
                pendingBytes += frame.length;
                frame = null;
            } else {
                slow = true;
            }
        }
        if (frame == null) {
            onWritePossible();
        } else {
            LOG.info("SSE client {} stopped reading: {} frames or {} KiB waiting; the connection is closed", name,
                    backlog.frames(), backlog.bytes() / 1024);
            close();
        }
    }

    /**
     * Writes while the container can take more: every waiting frame goes out in one write (up to
     * {@value #MAX_BATCH} bytes), then a flush once nothing is left, so a busy stream costs a few container
     * round trips per batch rather than per frame.
     */
    @Override
    public synchronized void onWritePossible() {
        try {
            while (!closed && out.isReady()) {
                if (pending.isEmpty()) {
                    if (!unflushed) {
                        return;
                    }
                    unflushed = false;
                    out.flush();
                } else {
                    out.write(nextBatch());
                    unflushed = true;
                }
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("SSE client {}: write failed ({}); closing", name, e.toString());
            close();
        }
    }

    private byte[] nextBatch() {
        byte[] first = pending.poll();
        pendingBytes -= first.length;
        if (pending.isEmpty() || first.length >= MAX_BATCH) {
            return first;
        }
        ByteArrayOutputStream batch = new ByteArrayOutputStream(Math.min(MAX_BATCH, first.length * (pending.size() + 1)));
        batch.writeBytes(first);
        while (!pending.isEmpty() && batch.size() + pending.peek().length <= MAX_BATCH) {
            byte[] next = pending.poll();
            pendingBytes -= next.length;
            batch.writeBytes(next);
        }
        return batch.toByteArray();
    }

    @Override
    public void onError(Throwable failure) {
        LOG.debug("SSE client {} went away: {}", name, failure.toString());
        close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // nothing to do: the connection is set up by EventStreamResource
    }

    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pending.clear();
            pendingBytes = 0;
        }
        Subscription current = subscription;
        if (current != null) {
            current.close();
        }
        onClose.accept(this);
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // already completed by the container
        }
    }
}
