package org.cityhub.history.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.persistence.PersistenceService;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer against a real SQLite store that comes and goes. */
class PointWriterTest {

    private static final ChannelUID LEVEL = ChannelUID.parse("sim:gauge:qiantang:level");
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path folder;

    private final AtomicReference<PersistenceService> current = new AtomicReference<>();
    private SqliteStore store;
    private PointWriter writer;

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close(Duration.ZERO);
        }
        store.close();
    }

    @Test
    void pointsWaitWhileTheStoreIsAwayAndAreWrittenInOrderOnceItIsBack() throws Exception {
        store = new SqliteStore(folder.resolve("history.db"), Clock.systemUTC(), ZoneOffset.UTC);
        writer = new PointWriter(10_000, null, 100, () -> Optional.ofNullable(current.get()), () -> "no store");
        for (int i = 0; i < 1_000; i++) {
            assertThat(writer.offer(point(i), i + 1)).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.failures() > 0);
        assertThat(writer.problem()).isEqualTo("no store");
        assertThat(writer.written()).isZero();

        current.set(store);
        writer.retryNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.written() == 1_000);
        assertThat(writer.problem()).isNull();
        assertThat(store.points(LEVEL, T0, T0.plusSeconds(10_000), null, 2_000).points())
                .extracting(HistoricState::state).containsExactlyElementsOf(
                        IntStream.range(0, 1_000).mapToObj(i -> (State) number(i))
                                .toList());
        assertThat(store.checkpoint()).isEqualTo(1_000);
    }

    @Test
    void beyondTheBoundPointsAreDroppedAndCounted() throws Exception {
        store = new SqliteStore(folder.resolve("history.db"), Clock.systemUTC(), ZoneOffset.UTC);
        writer = new PointWriter(1_000, null, 100, Optional::empty, () -> "no store");
        int accepted = 0;
        for (int i = 0; i < 1_500; i++) {
            accepted += writer.offer(point(i), i + 1) ? 1 : 0;
        }
        // the writer may hold one batch outside the queue while it retries: up to 1,100 wait, the rest is counted
        assertThat(accepted).isBetween(1_000, 1_100);
        assertThat(writer.dropped()).isEqualTo(1_500 - accepted);
    }

    @Test
    void closingWritesWhatIsWaiting() throws Exception {
        store = new SqliteStore(folder.resolve("history.db"), Clock.systemUTC(), ZoneOffset.UTC);
        current.set(store);
        writer = new PointWriter(10_000, null, 100, () -> Optional.ofNullable(current.get()), () -> "no store");
        for (int i = 0; i < 5_000; i++) {
            writer.offer(point(i), i + 1);
        }
        writer.close(Duration.ofSeconds(30));
        assertThat(writer.written()).isEqualTo(5_000);
        assertThat(writer.offer(point(5_000), 5_001)).isFalse();
        assertThat(List.of(store.checkpoint())).containsExactly(5_000L);
    }

    @Test
    void beyondMemoryPointsWaitInAFileAndAreWrittenInOrderOnceTheStoreIsBack() throws Exception {
        store = new SqliteStore(folder.resolve("history.db"), Clock.systemUTC(), ZoneOffset.UTC);
        Path file = folder.resolve("waiting.jsonl");
        writer = new PointWriter(1_000, new SpillFile(file, 10_000_000), 100, () -> Optional.ofNullable(current.get()),
                () -> "no store");
        for (int i = 0; i < 5_000; i++) {
            assertThat(writer.offer(point(i), i + 1)).isTrue();
        }
        assertThat(writer.spilled()).isGreaterThanOrEqualTo(3_900);
        assertThat(file).exists();
        current.set(store);
        writer.retryNow();
        await().atMost(Duration.ofSeconds(30)).until(() -> writer.written() == 5_000);
        assertThat(store.points(LEVEL, T0, T0.plusSeconds(10_000), null, 10_000).points())
                .extracting(HistoricState::state).containsExactlyElementsOf(
                        IntStream.range(0, 5_000).mapToObj(i -> (State) number(i)).toList());
        assertThat(writer.spilled()).isZero();
        assertThat(file).doesNotExist();
        assertThat(writer.dropped()).isZero();
    }

    @Test
    void pointsLeftAtStopWaitInTheFileForTheNextStart() throws Exception {
        stopWithTheStoreAwayAndRestart(800);
        writer.offer(point(800), 801);
        assertWrittenInOrder(801);
    }

    @Test
    void pointsInMemoryAndInTheFileAtStopAreAllWrittenAfterARestart() throws Exception {
        stopWithTheStoreAwayAndRestart(3_000); // 1,000 in memory, 2,000 in the file
        assertWrittenInOrder(3_000);
    }

    /** Offers points to a writer whose store is away, stops it, and starts {@link #writer} on the same file. */
    private void stopWithTheStoreAwayAndRestart(int points) throws Exception {
        store = new SqliteStore(folder.resolve("history.db"), Clock.systemUTC(), ZoneOffset.UTC);
        Path file = folder.resolve("waiting.jsonl");
        PointWriter first = new PointWriter(1_000, new SpillFile(file, 10_000_000), 100, Optional::empty,
                () -> "no store");
        for (int i = 0; i < points; i++) {
            first.offer(point(i), i + 1);
        }
        first.close(Duration.ofMillis(300));
        assertThat(first.dropped()).isZero();
        current.set(store);
        writer = new PointWriter(1_000, new SpillFile(file, 10_000_000), 100, () -> Optional.ofNullable(current.get()),
                () -> "no store");
    }

    private void assertWrittenInOrder(int points) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> writer.written() == points);
        assertThat(store.points(LEVEL, T0, T0.plusSeconds(10_000), null, 10_000).points())
                .extracting(HistoricState::state).containsExactlyElementsOf(
                        IntStream.range(0, points).mapToObj(i -> (State) number(i)).toList());
    }

    @Test
    void beyondMemoryAndFilePointsAreDroppedAndCounted() throws Exception {
        store = new SqliteStore(folder.resolve("history.db"), Clock.systemUTC(), ZoneOffset.UTC);
        writer = new PointWriter(1_000, new SpillFile(folder.resolve("waiting.jsonl"), 20_000), 100, Optional::empty,
                () -> "no store");
        int accepted = 0;
        for (int i = 0; i < 2_000; i++) {
            accepted += writer.offer(point(i), i + 1) ? 1 : 0;
        }
        assertThat(writer.spilled()).isBetween(100L, 400L); // 20 kB of lines of about 80 bytes
        assertThat(writer.dropped()).isEqualTo(2_000 - accepted).isPositive();
    }

    private static HistoricState point(int i) {
        return new HistoricState(LEVEL, T0.plusSeconds(i), number(i));
    }

    private static NumberValue number(int i) {
        return new NumberValue(BigDecimal.valueOf(i), null);
    }
}
