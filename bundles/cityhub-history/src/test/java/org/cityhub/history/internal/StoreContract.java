package org.cityhub.history.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.cityhub.api.persistence.Aggregate;
import org.cityhub.api.persistence.Bucket;
import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.persistence.HistoryPage;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.DateTimeValue;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.api.types.OpenClosed;
import org.cityhub.api.types.PointValue;
import org.cityhub.api.types.State;
import org.cityhub.api.types.Text;
import org.cityhub.api.types.UnDef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every store does, run against each real database by a subclass. */
abstract class StoreContract {

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    static final ChannelUID LEVEL = new ChannelUID(ThingUID.parse("sim:gauge:qiantang"), "level");
    private static final ChannelUID PUMP = new ChannelUID(ThingUID.parse("sim:pump:lock-3"), "running");

    /** The clock stores aggregate by: a day after the points. */
    static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);

    private final List<JdbcStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcStore::close);
    }

    /** A store on the test's database, opened anew (on what earlier ones wrote). */
    abstract JdbcStore create() throws Exception;

    /** Makes the database refuse to insert a point whose number is 13. */
    abstract void refuseThirteen() throws Exception;

    JdbcStore open() throws Exception {
        JdbcStore store = create();
        opened.add(store);
        return store;
    }

    @Test
    void everyStateTypeComesBackExactlyAfterReopening() throws Exception {
        List<State> states = List.of(new NumberValue(new BigDecimal("3.25"), "m"), OnOff.ON, OpenClosed.OPEN,
                new Text("水位正常 / level normal"), new DateTimeValue(OffsetDateTime.parse("2026-12-01T08:00:00.123+08:00")),
                new PointValue(30.2741, 120.1551), UnDef.UNDEF, UnDef.NULL, NumberValue.of(-0.5));
        List<HistoricState> written = IntStream.range(0, states.size())
                .mapToObj(i -> new HistoricState(LEVEL, T0.plusNanos(1_000L * i + 1_000_000L * i), states.get(i)))
                .toList();
        open().store(written, 42);
        opened.remove(0).close();

        JdbcStore reopened = open();
        assertThat(reopened.checkpoint()).isEqualTo(42);
        HistoryPage page = reopened.points(LEVEL, T0, T0.plusSeconds(1), null, 100);
        assertThat(page.points()).containsExactlyElementsOf(written);
        assertThat(page.next()).isNull();
        List<HistoricState> latest = new ArrayList<>();
        reopened.latest(latest::add);
        assertThat(latest).containsExactly(written.get(written.size() - 1));
    }

    @Test
    void rawPointsArePagedWithACursorThatMissesNothing() throws Exception {
        JdbcStore store = open();
        store.store(series(LEVEL, 2_500, Duration.ofSeconds(10)), 1);
        List<HistoricState> read = new ArrayList<>();
        Instant after = null;
        int pages = 0;
        do {
            HistoryPage page = store.points(LEVEL, T0, T0.plus(Duration.ofDays(1)), after, 1_000);
            read.addAll(page.points());
            after = page.next();
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(read).hasSize(2_500).isSortedAccordingTo((a, b) -> a.time().compareTo(b.time()));
        assertThat(store.points(PUMP, T0, T0.plusSeconds(60), null, 10).points()).isEmpty();
    }

    @Test
    void aggregatesArePerIntervalAndLeaveEmptyIntervalsOut() throws Exception {
        JdbcStore store = open();
        // values 0..359 every 10 s: hour 0 holds 0..359; nothing in hour 1; hour 2 holds one point of 1000 mm
        List<HistoricState> points = new ArrayList<>(series(LEVEL, 360, Duration.ofSeconds(10)));
        points.add(new HistoricState(LEVEL, T0.plus(Duration.ofHours(2)), NumberValue.of(1000, "m")));
        store.store(points, 7);

        List<Bucket> avg = store.aggregate(LEVEL, T0, T0.plus(Duration.ofHours(3)), Duration.ofHours(1), Aggregate.AVG);
        assertThat(avg).extracting(Bucket::start).containsExactly(T0, T0.plus(Duration.ofHours(2)));
        assertThat(avg.get(0).value()).isEqualTo(new NumberValue(new BigDecimal("179.5"), "m"));
        assertThat(avg.get(0).count()).isEqualTo(360);
        assertThat(value(store, Aggregate.MIN)).isEqualByComparingTo("0");
        assertThat(value(store, Aggregate.MAX)).isEqualByComparingTo("359");
        assertThat(value(store, Aggregate.SUM)).isEqualByComparingTo("64620");
        assertThat(value(store, Aggregate.COUNT)).isEqualByComparingTo("360");
        assertThat(value(store, Aggregate.FIRST)).isEqualByComparingTo("0");
        assertThat(value(store, Aggregate.LAST)).isEqualByComparingTo("359");
    }

    @Test
    void theTimeWeightedAverageWeighsEachValueByHowLongItHeld() throws Exception {
        JdbcStore store = open();
        // 10 for 45 minutes, then 30 for 15 minutes: the plain average is 20, the time-weighted one 15
        store.store(List.of(new HistoricState(LEVEL, T0, NumberValue.of(10)),
                new HistoricState(LEVEL, T0.plus(Duration.ofMinutes(45)), NumberValue.of(30)),
                new HistoricState(LEVEL, T0.plus(Duration.ofMinutes(60)), UnDef.UNDEF)), 1);
        Instant to = T0.plus(Duration.ofHours(1));
        assertThat(store.aggregate(LEVEL, T0, to, Duration.ofHours(1), Aggregate.AVG).get(0).value())
                .isEqualTo(new NumberValue(new BigDecimal("20"), null));
        assertThat(store.aggregate(LEVEL, T0, to, Duration.ofHours(1), Aggregate.TWA).get(0).value())
                .isEqualTo(new NumberValue(new BigDecimal("15"), null));
    }

    @Test
    void onOffStatesAverageToTheShareOfTimeOn() throws Exception {
        JdbcStore store = open();
        store.store(List.of(new HistoricState(PUMP, T0, OnOff.ON),
                new HistoricState(PUMP, T0.plus(Duration.ofMinutes(15)), OnOff.OFF)), 1);
        Bucket bucket = store.aggregate(PUMP, T0, T0.plus(Duration.ofHours(1)), Duration.ofHours(1), Aggregate.TWA)
                .get(0);
        assertThat(((NumberValue) bucket.value()).value()).isEqualByComparingTo("0.25");
        assertThat(store.aggregate(PUMP, T0, T0.plus(Duration.ofHours(1)), Duration.ofHours(1), Aggregate.LAST)
                .get(0).value()).isEqualTo(OnOff.OFF);
    }

    @Test
    void aFailedBatchLeavesNothingBehind() throws Exception {
        JdbcStore store = open();
        refuseThirteen();
        List<HistoricState> batch = series(LEVEL, 20, Duration.ofSeconds(1));
        assertThatThrownBy(() -> store.store(batch, 5)).hasMessageContaining("disk says no");
        assertThat(store.points(LEVEL, T0, T0.plusSeconds(60), null, 100).points()).isEmpty();
        assertThat(store.checkpoint()).isEqualTo(-1);
        assertThat(store.info().oldest()).isNull();
        store.store(series(LEVEL, 13, Duration.ofSeconds(1)), 6);
        assertThat(store.points(LEVEL, T0, T0.plusSeconds(60), null, 100).points()).hasSize(13);
    }

    private static BigDecimal value(JdbcStore store, Aggregate aggregate) throws Exception {
        return ((NumberValue) store.aggregate(LEVEL, T0, T0.plus(Duration.ofHours(1)), Duration.ofHours(1), aggregate)
                .get(0).value()).value();
    }

    static List<HistoricState> series(ChannelUID channel, int count, Duration step) {
        return IntStream.range(0, count).mapToObj(i -> new HistoricState(channel, T0.plus(step.multipliedBy(i)),
                NumberValue.of(i, "m"))).toList();
    }
}
