package org.cityhub.core.internal.thing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.cityhub.api.thing.BoundingBox;
import org.cityhub.api.thing.Location;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingQuery;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 24, item 3: a query looks at the things its most selective criterion allows, counted, never at all of
 * them; statuses are counted without looking at any thing.
 */
class ThingIndexTest {

    private static final ThingTypeUID LIGHT = new ThingTypeUID("sim", "light");
    private static final ThingTypeUID GAUGE = new ThingTypeUID("sim", "gauge");

    private final ThingIndex index = new ThingIndex();
    private final Map<ThingUID, Thing> things = new HashMap<>();
    private final Map<ThingUID, ThingStatus> statuses = new HashMap<>();
    private final AtomicInteger looked = new AtomicInteger();

    @BeforeEach
    void aCityOfTenThousand() {
        for (int i = 0; i < 10_000; i++) {
            ThingUID uid = new ThingUID(i % 100 == 0 ? GAUGE : LIGHT, "t" + i);
            Thing thing = new Thing(uid, "Thing " + i, null, "department-" + i % 10,
                    new Location(30 + (i % 50) * 0.01, 120 + (i % 40) * 0.01), Set.of(i % 2 == 0 ? "even" : "odd"),
                    Map.of(), Map.of());
            things.put(uid, thing);
            index.replace(null, thing);
            ThingStatus status = i % 1_000 == 0 ? ThingStatus.OFFLINE : ThingStatus.ONLINE;
            statuses.put(uid, status);
            index.statusIs(uid, status);
        }
    }

    @Test
    void aQueryLooksOnlyAtItsMostSelectiveCriterionsThings() {
        assertThat(find(new ThingQuery("department-3", null, null, null, null, null))).hasSize(1_000);
        assertThat(looked).hasValue(1_000);

        looked.set(0);
        assertThat(find(new ThingQuery("department-0", null, GAUGE, null, "even", null))).hasSize(100);
        assertThat(looked).hasValue(100);

        looked.set(0);
        List<ThingUID> offline = find(new ThingQuery(null, null, null, ThingStatus.OFFLINE, null, null));
        assertThat(offline).hasSize(10).first().isEqualTo(ThingUID.parse("sim:gauge:t0"));
        assertThat(looked).hasValue(10);
    }

    @Test
    void aBoxLooksOnlyAtTheThingsInItsCells() {
        List<ThingUID> inside = find(new ThingQuery(null, null, null, null, null,
                new BoundingBox(120.0, 30.0, 120.005, 30.005)));

        assertThat(inside).allSatisfy(uid -> assertThat(things.get(uid).location()).isEqualTo(new Location(30, 120)));
        assertThat(inside).hasSize(50); // i a multiple of 200
        assertThat(looked.get()).isLessThan(10_000);
    }

    @Test
    void resultsComeInUidOrderAndVisibilityAndChangesHold() {
        List<ThingUID> all = index.find(ThingQuery.ALL, thing -> "department-1".equals(thing.department()), 0,
                Integer.MAX_VALUE, counted(things::get), statuses::get).page();
        assertThat(all).hasSize(1_000).isSortedAccordingTo(ThingIndex.UID_ORDER);

        Thing moved = things.get(ThingUID.parse("sim:light:t1"));
        Thing renamed = new Thing(moved.uid(), moved.label(), null, "department-2", null, Set.of(), Map.of(), Map.of());
        things.put(moved.uid(), renamed);
        index.replace(moved, renamed);
        assertThat(find(new ThingQuery("department-1", null, null, null, null, null))).hasSize(999);
        assertThat(find(new ThingQuery("department-2", null, null, null, null, null))).hasSize(1_001);

        index.replace(renamed, null);
        statuses.remove(renamed.uid());
        assertThat(index.countByStatus()).containsOnly(Map.entry(ThingStatus.ONLINE, 9_989),
                Map.entry(ThingStatus.OFFLINE, 10));
    }

    @Test
    void statusesAreCountedAsTheyChange() {
        ThingUID uid = ThingUID.parse("sim:light:t7");
        index.statusIs(uid, ThingStatus.INITIALIZING);

        assertThat(index.countByStatus()).containsOnly(Map.entry(ThingStatus.ONLINE, 9_989),
                Map.entry(ThingStatus.OFFLINE, 10), Map.entry(ThingStatus.INITIALIZING, 1));
        assertThat(index.countByBindingAndStatus()).containsOnly(Map.entry("sim", Map.of(ThingStatus.ONLINE, 9_989,
                ThingStatus.OFFLINE, 10, ThingStatus.INITIALIZING, 1)));
    }

    @Test
    void aPageOfEveryThingForACallerWhoSeesAllLooksAtNoThing() {
        ThingIndex.Found page = index.find(ThingQuery.ALL, ThingRegistry.EVERY_THING, 100, 10, counted(things::get),
                statuses::get);

        assertThat(page.total()).isEqualTo(10_000);
        assertThat(page.page()).hasSize(10).isSortedAccordingTo(ThingIndex.UID_ORDER);
        assertThat(looked).hasValue(0);
    }

    private List<ThingUID> find(ThingQuery query) {
        return index.find(query, thing -> true, 0, Integer.MAX_VALUE, counted(things::get), statuses::get).page();
    }

    private Function<ThingUID, Thing> counted(Function<ThingUID, Thing> lookup) {
        return uid -> {
            looked.incrementAndGet();
            return lookup.apply(uid);
        };
    }
}
