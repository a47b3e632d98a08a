package org.cityhub.rest.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.MissedEvents;

/**
 * Formats SSE frames. An event's frame is made once and shared by every client that receives it: with a
 * thousand clients on one topic, the bytes are built once, not a thousand times.
 */
final class SseFrameWriter {

    private static final int CACHED = 4096;

    private final AtomicReferenceArray<Frame> recent = new AtomicReferenceArray<>(CACHED);

    private record Frame(long sequence, byte[] bytes) {
    }

    byte[] event(Event event) {
        int slot = (int) (event.sequence() % CACHED);
        Frame cached = recent.get(slot);
        if (cached != null && cached.sequence() == event.sequence()) {
            return cached.bytes();
        }
        byte[] bytes = ("id: " + event.sequence() + "\nevent: " + event.type() + "\ndata: " + event.payload() + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
        recent.set(slot, new Frame(event.sequence(), bytes));
        return bytes;
    }

    static byte[] missed(MissedEvents missed) {
        return ("event: missed\ndata: {\"from\":" + missed.from() + ",\"to\":" + missed.to() + ",\"count\":"
                + missed.count() + "}\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
