package org.cityhub.benchmarks;

import java.util.concurrent.Flow;
import java.util.function.BiConsumer;

/**
 * Reads a Server-Sent Events stream line by line (as the JDK's HTTP client hands it over) and passes each frame's
 * event type and data to the consumer; a frame without {@code event:} has the type {@code null}.
 */
public final class SseFrameReader implements Flow.Subscriber<String> {

    private final BiConsumer<String, String> frame;
    private String event;

    public SseFrameReader(BiConsumer<String, String> frame) {
        this.frame = frame;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (line.startsWith("event: ")) {
            event = line.substring(7);
        } else if (line.startsWith("data: ")) {
            frame.accept(event, line.substring(6));
        } else if (line.isEmpty()) {
            event = null;
        }
    }

    @Override
    public void onError(Throwable failure) {
        // the stream ended; the tools see it in the hub's metrics or in what stopped arriving
    }

    @Override
    public void onComplete() {
        // the hub closed the stream
    }
}
