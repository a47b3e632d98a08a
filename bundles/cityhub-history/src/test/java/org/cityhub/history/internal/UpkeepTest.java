package org.cityhub.history.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.persistence.Aggregate;
import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.persistence.Resolution;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.types.NumberValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upkeep on a real SQLite store: summaries first, then each strategy's retention. */
class UpkeepTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final ChannelUID BRIEF = ChannelUID.parse("sim:gauge:brief:level");
    private static final ChannelUID KEPT = ChannelUID.parse("sim:gauge:kept:level");

    @TempDir
    Path folder;

    private SqliteStore store;

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void eachChannelKeepsWhatItsStrategySaysAndSummariesOutliveThePoints() throws Exception {
        Clock now = Clock.fixed(T0.plus(Duration.ofDays(10)), ZoneOffset.UTC);
        store = new SqliteStore(folder.resolve("history.db"), now, ZoneOffset.UTC);
        List<HistoricState> points = new ArrayList<>();
        for (int hour = 0; hour < 24 * 9; hour++) {
            points.add(new HistoricState(BRIEF, T0.plus(Duration.ofHours(hour)), NumberValue.of(hour)));
            points.add(new HistoricState(KEPT, T0.plus(Duration.ofHours(hour)), NumberValue.of(hour)));
        }
        store.store(points, 1);
        Strategies strategies = Strategies.parse(Map.of("strategy.brief.select", "thing:sim:gauge:brief",
                "strategy.brief.record", "change", "strategy.brief.keepRaw", "2d", "strategy.brief.keepHourly", "5d",
                "keepRaw", "30d"));
        Upkeep upkeep = new Upkeep(() -> Optional.of(store), () -> strategies, uid -> Optional.empty(), now);

        upkeep.run();

        assertThat(upkeep.lastProblem()).isNull();
        assertThat(upkeep.summaries()).isEqualTo(2 * (24 * 9 + 9));
        // brief: points of the last 2 days (the 9th day's), hourly summaries of the last 5 days; kept: everything
        Instant end = T0.plus(Duration.ofDays(10));
        assertThat(store.points(BRIEF, T0, end, null, 10_000).points()).hasSize(24 * 9 - 24 * 8);
        assertThat(store.points(KEPT, T0, end, null, 10_000).points()).hasSize(24 * 9);
        assertThat(upkeep.deleted(Resolution.RAW)).isEqualTo(24 * 8);
        assertThat(upkeep.deleted(Resolution.HOURLY)).isEqualTo(24 * 5);
        // what is gone in points is still there by day
        assertThat(store.aggregate(BRIEF, T0, end, Duration.ofDays(1), Aggregate.COUNT)).hasSize(9)
                .allSatisfy(day -> assertThat(day.count()).isEqualTo(24));
        upkeep.run();
        assertThat(upkeep.runs()).isEqualTo(2);
        assertThat(upkeep.summaries()).isEqualTo(2 * (24 * 9 + 9));
    }
}
