package org.cityhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.cityhub.api.sharing.ReadWindow;
import org.junit.jupiter.api.Test;

class HistorySpansTest {

    private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-02T00:00:00Z");

    private static Instant at(String time) {
        return Instant.parse("2026-12-01T" + time + "Z");
    }

    @Test
    void anOwnerReadsTheWholeRange() {
        assertThat(HistorySpans.within(List.of(ReadWindow.ALWAYS), FROM, TO)).containsExactly(new ReadWindow(FROM, TO));
    }

    @Test
    void aGranteeReadsOnlyWhileItsGrantsWereInForceOverlapsMerged() {
        List<ReadWindow> windows = List.of(new ReadWindow(at("02:00:00"), at("04:00:00")),
                new ReadWindow(at("03:00:00"), at("05:00:00")), new ReadWindow(at("20:00:00"), null));

        assertThat(HistorySpans.within(windows, FROM, TO)).containsExactly(
                new ReadWindow(at("02:00:00"), at("05:00:00")), new ReadWindow(at("20:00:00"), TO));
    }

    @Test
    void windowsOutsideTheRangeGiveNothing() {
        assertThat(HistorySpans.within(List.of(new ReadWindow(TO, null)), FROM, TO)).isEmpty();
        assertThat(HistorySpans.within(List.of(), FROM, TO)).isEmpty();
    }
}
