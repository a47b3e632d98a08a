package org.cityhub.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSE client. Events are formatted once into frames and written with the Servlet API's non-blocking I/O:
 * no thread waits on a slow client. A client that reads slower than its events come fills its frame queue; the
 * events that do not fit are left out and announced with one {@code missed} frame once there is room, and the
 * client stays connected. Only a client that has read nothing for the stall time while frames wait is dropped.
 * Nothing of it touches anyone else.
 */
final class SseConnection implements EventSubscriber, WriteListener, AsyncListener {

    private static final Logger LOG = LoggerFactory.getLogger(SseConnection.class);
    private static final int MAX_BATCH = 64 * 1024;
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    private final String name;
    private final TokenInfo token;
    private final Predicate<Event> visibility;
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
    private @Nullable MissedEvents leftOut; // guarded by this: events not queued for want of room, not yet announced
    private long lastProgressNanos = System.nanoTime(); // guarded by this: when the client last took frames
    private volatile Subscription subscription;

    /**
     * How far a client may fall behind: frames waiting and their bytes before events are left out (and
     * announced), and how long it may read nothing while frames wait before it is disconnected.
     */
    record Backlog(int frames, long bytes, Duration stalledAfter) {
    }

    /**
     * @param visibility what the token may see, asked again as each event is delivered, after the bus asked it
     *        when the event was queued: a grant revoked in between stops the event
     */
    SseConnection(String name, TokenInfo token, Predicate<Event> visibility, AsyncContext async, Backlog backlog,
            SseFrameWriter frames, Consumer<SseConnection> onClose) throws IOException {
        this.name = name;
        this.token = token;
        this.visibility = visibility;
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
        synchronized (this) {
            queue(firstFrame.getBytes(StandardCharsets.UTF_8));
        }
        onWritePossible();
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
        if (!visibility.test(event)) {
            return;
        }
        byte[] frame = frames.event(event);
        synchronized (this) {
            if (closed) {
                return;
            }
            announceLeftOut();
            if (leftOut != null || !queue(frame)) {
                leftOut = widened(leftOut, new MissedEvents(event.sequence(), event.sequence(), 1));
                return;
            }
        }
        onWritePossible();
    }

    @Override
    public void onMissed(MissedEvents missed) {
        synchronized (this) {
            leftOut = widened(leftOut, missed);
            announceLeftOut();
        }
        onWritePossible();
    }

    /**
     * Sends a heartbeat if there is room, or drops the client if it has read nothing for the stall time while
     * frames wait for it; called every few seconds.
     */
    void heartbeat() {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!pending.isEmpty() && System.nanoTime() - lastProgressNanos > backlog.stalledAfter().toNanos()) {
                slow = true;
            } else {
                queue(HEARTBEAT); // not sent when the queue is full: the client is not idle then
            }
        }
        if (droppedAsSlow()) {
            LOG.info("SSE client {} read nothing for {} s while frames waited; the connection is closed", name,
                    backlog.stalledAfter().toSeconds());
            close();
        } else {
            onWritePossible();
        }
    }

    /** Queues the frame if it fits the backlog (a frame always fits an empty queue); false if it does not. */
    private boolean queue(byte[] frame) {
        if (!pending.isEmpty() && (pending.size() >= backlog.frames() || pendingBytes + frame.length > backlog.bytes())) {
            return false;
        }
        pending.add(frame);
        pendingBytes += frame.length;
        return true;
    }

    /** Queues the notice of what was left out, if anything was and it fits now. */
    private void announceLeftOut() {
        if (leftOut != null && queue(SseFrameWriter.missed(leftOut))) {
            leftOut = null;
        }
    }

    private static MissedEvents widened(@Nullable MissedEvents gap, MissedEvents more) {
        return gap == null ? more : new MissedEvents(Math.min(gap.from(), more.from()), Math.max(gap.to(), more.to()),
                gap.count() + more.count());
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
                    announceLeftOut();
                }
                if (pending.isEmpty()) {
                    if (!unflushed) {
                        return;
                    }
                    unflushed = false;
                    out.flush();
                } else {
                    out.write(nextBatch());
                    unflushed = true;
                    lastProgressNanos = System.nanoTime();
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
