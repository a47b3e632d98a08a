package org.cityhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.servlet.AsyncContext;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletResponse;
import javax.servlet.WriteListener;

import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.event.Event;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.junit.jupiter.api.Test;

/**
 * Issue 25, item 1: a client that reads slower than its events come is told what it missed and stays connected;
 * only one that reads nothing for the stall time while frames wait is dropped.
 */
class SseConnectionTest {

    private final SlowReader client = new SlowReader();
    private final AsyncContext async = mock(AsyncContext.class);
    private final List<SseConnection> closed = new ArrayList<>();

    @Test
    void aSlowReaderIsToldWhatItMissedAndStaysConnected() throws IOException {
        SseConnection connection = open(Duration.ofSeconds(60));
        publish(connection, 1, 100); // the client takes nothing meanwhile: 10 frames fit, 90 events do not

        client.reads(connection); // the 10 frames
        client.reads(connection); // the notice
        publish(connection, 101, 105);
        client.reads(connection);

        String received = client.received();
        assertThat(received).contains("id: 1\n", "id: 10\n").doesNotContain("id: 11\n", "id: 100\n")
                .contains("event: missed\ndata: {\"from\":11,\"to\":100,\"count\":90}", "id: 101\n", "id: 105\n");
        assertThat(received.indexOf("event: missed")).isLessThan(received.indexOf("id: 101\n"));
        assertThat(closed).isEmpty();
        verify(async, never()).complete();
    }

    @Test
    void aClientThatReadsNothingForTheStallTimeIsDropped() throws IOException {
        SseConnection idle = open(Duration.ofSeconds(60));
        idle.heartbeat(); // nothing waits for it: it is idle, not stalled
        assertThat(closed).isEmpty();

        SseConnection stalled = open(Duration.ZERO);
        publish(stalled, 1, 5);
        stalled.heartbeat();

        assertThat(closed).containsExactly(stalled);
        assertThat(stalled.droppedAsSlow()).isTrue();
        verify(async).complete();
    }

    private SseConnection open(Duration stalledAfter) throws IOException {
        ServletResponse response = mock(ServletResponse.class);
        when(response.getOutputStream()).thenReturn(client);
        when(async.getResponse()).thenReturn(response);
        TokenInfo token = new TokenInfo("duty", Role.VIEWER, DepartmentScope.parse("water"), Instant.EPOCH, null, "test");
        SseConnection connection = new SseConnection("test", token, event -> true, async,
                new SseConnection.Backlog(10, 1 << 20, stalledAfter), new SseFrameWriter(), closed::add);
        connection.open("retry: 3000\n\n");
        return connection;
    }

    private static void publish(SseConnection connection, long from, long to) {
        for (long sequence = from; sequence <= to; sequence++) {
            connection.onEvent(new Event(sequence, "cityhub/things/x/state", "state", "{}", "test", Instant.EPOCH,
                    "water"));
        }
    }

    /** A client whose socket takes one write and then nothing until it reads. */
    private static final class SlowReader extends ServletOutputStream {
        private final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        private boolean ready = true;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            // the test calls onWritePossible itself when the client has read
        }

        @Override
        public void write(int b) {
            taken.write(b);
            ready = false;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            taken.write(bytes, offset, length);
            ready = false;
        }

        @Override
        public void flush() {
            // nothing buffered here
        }

        void reads(SseConnection connection) {
            ready = true;
            connection.onWritePossible();
        }

        String received() {
            return taken.toString(StandardCharsets.UTF_8);
        }
    }
}
