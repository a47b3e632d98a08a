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
import org.cityhub.api.persistence.Resolution;
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
    /** The hub's time zone in these tests: Hangzhou's, so that days start at 16:00 UTC. */
    static final ZoneOffset ZONE = ZoneOffset.ofHours(8);

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
    void computedNumbersCarryNoNoiseOfBinaryFractions() throws Exception {
        JdbcStore store = open();
        store.store(List.of(new HistoricState(LEVEL, T0, NumberValue.of(0.1)),
                new HistoricState(LEVEL, T0.plusSeconds(1), NumberValue.of(0.2))), 1);
        assertThat(value(store, Aggregate.SUM)).isEqualTo(new BigDecimal("0.3"));
        assertThat(value(store, Aggregate.AVG)).isEqualTo(new BigDecimal("0.15"));
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

    @Test
    void hourlySummariesAnswerWholeHoursAfterThePointsAreGone() throws Exception {
        JdbcStore store = open();
        // two hours of a 10-second channel, values 0..719
        store.store(series(LEVEL, 720, Duration.ofSeconds(10)), 1);
        Instant to = T0.plus(Duration.ofHours(2));
        List<Bucket> fromPoints = store.aggregate(LEVEL, T0, to, Duration.ofHours(1), Aggregate.AVG);
        assertThat(store.summarise(T0.plus(Duration.ofHours(3)))).isEqualTo(2);
        assertThat(store.info().summarisedUntil()).isEqualTo(T0.plus(Duration.ofHours(3)));

        assertThat(store.delete(Resolution.RAW, to, List.of(LEVEL))).isEqualTo(720);
        assertThat(store.points(LEVEL, T0, to, null, 10).points()).isEmpty();
        assertThat(store.aggregate(LEVEL, T0, to, Duration.ofHours(1), Aggregate.AVG)).isEqualTo(fromPoints);
        assertThat(fromPoints).extracting(b -> ((NumberValue) b.value()).value()).containsExactly(
                new BigDecimal("179.5"), new BigDecimal("539.5"));
        assertThat(number(store, to, Duration.ofHours(2), Aggregate.MAX)).isEqualByComparingTo("719");
        assertThat(number(store, to, Duration.ofHours(2), Aggregate.COUNT)).isEqualByComparingTo("720");
        assertThat(store.aggregate(LEVEL, T0, to, Duration.ofHours(2), Aggregate.LAST).get(0).value())
                .isEqualTo(new NumberValue(new BigDecimal("719"), "m"));
        assertThat(store.aggregate(LEVEL, T0, to, Duration.ofHours(2), Aggregate.FIRST).get(0).value())
                .isEqualTo(new NumberValue(new BigDecimal("0"), "m"));
    }

    @Test
    void aQueryAddsSummariesAndTheLatestPointsOfTheSameInterval() throws Exception {
        JdbcStore store = open();
        store.store(series(LEVEL, 720, Duration.ofSeconds(10)), 1);
        store.summarise(T0.plus(Duration.ofHours(1))); // hour 0 summarised, hour 1 only as points
        Instant to = T0.plus(Duration.ofHours(2));
        assertThat(number(store, to, Duration.ofHours(2), Aggregate.SUM)).isEqualByComparingTo("258840");
        assertThat(number(store, to, Duration.ofHours(2), Aggregate.AVG)).isEqualByComparingTo("359.5");
        assertThat(number(store, to, Duration.ofHours(2), Aggregate.MIN)).isEqualByComparingTo("0");
    }

    @Test
    void latePointsAreSummarisedAgain() throws Exception {
        JdbcStore store = open();
        store.store(series(LEVEL, 360, Duration.ofSeconds(10)), 1);
        store.summarise(T0.plus(Duration.ofHours(2)));
        store.store(List.of(new HistoricState(LEVEL, T0.plusMillis(500), NumberValue.of(1_000, "m"))), 2);
        store.summarise(T0.plus(Duration.ofHours(2)));
        store.delete(Resolution.RAW, T0.plus(Duration.ofHours(2)), List.of(LEVEL));
        assertThat(number(store, T0.plus(Duration.ofHours(1)), Duration.ofHours(1), Aggregate.COUNT))
                .isEqualByComparingTo("361");
        assertThat(number(store, T0.plus(Duration.ofHours(1)), Duration.ofHours(1), Aggregate.MAX))
                .isEqualByComparingTo("1000");
    }

    @Test
    void daysFollowTheHubsTimeZoneAndOutliveTheirHours() throws Exception {
        JdbcStore store = open();
        // one point an hour for three days from 2026-12-01T00:00Z (08:00 in Hangzhou)
        store.store(series(LEVEL, 72, Duration.ofHours(1)), 1);
        Instant end = T0.plus(Duration.ofDays(3));
        store.summarise(end);
        store.delete(Resolution.RAW, end, List.of(LEVEL));
        store.delete(Resolution.HOURLY, end, List.of(LEVEL));
        List<Bucket> days = store.aggregate(LEVEL, T0, end, Duration.ofDays(1), Aggregate.COUNT);
        // local days: 12-01 from 08:00 (16 points), 12-02 and 12-03 (24 each) from daily summaries, and 12-04 until
        // 08:00 (8 points) from hourly ones: its day is not over, so its hours were kept
        assertThat(days).extracting(Bucket::start).containsExactly(Instant.parse("2026-11-30T16:00:00Z"),
                Instant.parse("2026-12-01T16:00:00Z"), Instant.parse("2026-12-02T16:00:00Z"),
                Instant.parse("2026-12-03T16:00:00Z"));
        assertThat(days).extracting(Bucket::count).containsExactly(16L, 24L, 24L, 8L);
    }

    private static BigDecimal number(JdbcStore store, Instant to, Duration interval, Aggregate aggregate)
            throws Exception {
        List<Bucket> buckets = store.aggregate(LEVEL, T0, to, interval, aggregate);
        assertThat(buckets).hasSize(1);
        return ((NumberValue) buckets.get(0).value()).value();
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
