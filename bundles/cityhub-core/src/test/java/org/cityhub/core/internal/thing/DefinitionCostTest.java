package org.cityhub.core.internal.thing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.thing.state.BindingErrors;
import org.junit.jupiter.api.Test;

/**
 * Issue 24, item 1: defining things costs work proportional to their number, counted (type lookups, which every
 * attempt to start a thing makes), not timed. The manager used to re-try every waiting thing at each definition:
 * a file of N things whose binding is not installed yet cost N² attempts.
 */
class DefinitionCostTest {

    private static final ThingTypeUID GATEWAY = new ThingTypeUID("test", "gateway");
    private static final ThingTypeUID PROBE = new ThingTypeUID("test", "probe");
    private static final ThingType PROBE_TYPE = new ThingType(PROBE, "Probe", "", false, List.of(GATEWAY), List.of(),
            List.of());

    @Test
    void definingThingsThatWaitForTheirBindingCostsWorkLinearInTheirNumber() {
        long thousand = lookupsToDefine(1_000, false);
        long twoThousand = lookupsToDefine(2_000, false);

        assertThat(twoThousand).as("twice the things, about twice the work").isLessThan(thousand * 5 / 2);
        assertThat(twoThousand).isLessThan(2_000L * 8);
    }

    @Test
    void thingsDefinedBeforeTheirGatewayStartWithItOnceEach() {
        long thousand = lookupsToDefine(1_000, true);
        long twoThousand = lookupsToDefine(2_000, true);

        assertThat(twoThousand).isLessThan(thousand * 5 / 2);
    }

    /** Defines N gauges, or N probes behind one gateway defined last, on a manager without their binding. */
    private static long lookupsToDefine(int count, boolean behindGateway) {
        ThingFixtures.MapTypes types = new ThingFixtures.MapTypes();
        types.put(PROBE_TYPE);
        types.put(ThingFixtures.GAUGE_TYPE);
        ThingTypeUID type = behindGateway ? PROBE : ThingFixtures.GAUGE_TYPE.uid();
        ThingManager manager = new ThingManager(new ThingFixtures.RecordingBus(), types, new BindingErrors(),
                ThingFixtures.config(1));
        try {
            ThingUID gateway = ThingUID.parse("test:gateway:g1");
            long before = types.lookups();
            for (int i = 0; i < count; i++) {
                ThingUID uid = new ThingUID(type, "p" + i);
                manager.define(new Thing(uid, "Probe " + i, behindGateway ? gateway : null, null, null, null, null,
                        Map.of()), "city.json", true);
            }
            if (behindGateway) {
                manager.define(Thing.of(gateway, "Gateway", Map.of()), "city.json", true);
            }
            long spent = types.lookups() - before;
            assertThat(manager.getStatus(new ThingUID(type, "p0")).detail()).isIn(ThingStatusDetail.HANDLER_MISSING,
                    ThingStatusDetail.BRIDGE_UNINITIALIZED);
            return spent;
        } finally {
            manager.stop();
        }
    }
}
