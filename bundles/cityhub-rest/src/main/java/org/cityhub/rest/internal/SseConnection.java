package org.cityhub.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Consumer;

import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.MissedEvents;
import org.cityhub.api.event.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSE client. Events are formatted once into frames and written with the Servlet API's non-blocking I/O:
 * no thread waits on a slow client. A client that stops reading fills its frame queue and is then dropped,
 * without touching anyone else.
 */
final class SseConnection implements EventSubscriber, WriteListener, AsyncListener {

    private static final Logger LOG = LoggerFactory.getLogger(SseConnection.class);
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    private final String name;
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final int maxPendingFrames;
    private final Consumer<SseConnection> onClose;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>(); // guarded by this
    private boolean unflushed; // guarded by this
    private boolean closed; // guarded by this
    private volatile Subscription subscription;

    SseConnection(String name, AsyncContext async, int maxPendingFrames, Consumer<SseConnection> onClose)
            throws IOException {
        this.name = name;
        this.async = async;
        this.out = async.getResponse().getOutputStream();
        this.maxPendingFrames = maxPendingFrames;
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

    @Override
    public void onEvent(Event event) {
        send(("id: " + event.sequence() + "\nevent: " + event.type() + "\ndata: " + event.payload() + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onMissed(MissedEvents missed) {
        send(("event: missed\ndata: {\"from\":" + missed.from() + ",\"to\":" + missed.to() + ",\"count\":"
                + missed.count() + "}\n\n").getBytes(StandardCharsets.UTF_8));
    }

    void heartbeat() {
        send(HEARTBEAT);
    }

    private void send(byte[] frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (pending.size() >= maxPendingFrames) {
                LOG.info("SSE client {} stopped reading: {} frames waiting; the connection is closed", name, pending.size());
                close();
                return;
            }
            pending.add(frame);
        }
        onWritePossible();
    }

    @Override
    public synchronized void onWritePossible() {
        try {
            while (!closed && out.isReady()) {
                byte[] frame = pending.poll();
                if (frame == null) {
                    if (!unflushed) {
                        return;
                    }
                    unflushed = false;
                    out.flush();
                } else {
                    out.write(frame);
                    unflushed = true;
                }
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("SSE client {}: write failed ({}); closing", name, e.toString());
            close();
        }
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
