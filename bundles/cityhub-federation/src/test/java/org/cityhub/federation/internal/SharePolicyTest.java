package org.cityhub.federation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingUID;
import org.junit.jupiter.api.Test;

class SharePolicyTest {

    private static final Thing GAUGE = thing("simulator:waterlevel:canal", "water", Set.of("flood"), null);
    private static final Thing LIGHT = thing("simulator:streetlight:qingchun-1", "public-lighting", Set.of(), null);
    private static final Thing CAMERA = thing("http:camera:west-lake", "transport", Set.of("flood"), null);
    private static final Thing SMOKE = thing("mqtt:zigbee2mqtt:flat-1-smoke", "fire-rescue", Set.of("flood"),
            "cuiyuan-01");

    @Test
    void theSharedDepartmentsThingsAndThoseNamedOrTaggedAreShared() {
        SharePolicy policy = SharePolicy.parse("water", " simulator:streetlight:qingchun-1 ", "", "");
        assertThat(policy.shares(GAUGE)).isTrue();
        assertThat(policy.shares(LIGHT)).as("named").isTrue();
        assertThat(policy.shares(CAMERA)).isFalse();

        assertThat(SharePolicy.parse("water", "", "flood, river", "").shares(CAMERA)).as("tagged").isTrue();
    }

    @Test
    void aWithheldThingAndAHouseholdsAreNeverShared() {
        SharePolicy policy = SharePolicy.parse("*", "simulator:waterlevel:canal", "flood",
                "simulator:waterlevel:canal");
        assertThat(policy.shares(GAUGE)).as("withheld wins over named and tagged").isFalse();
        assertThat(policy.shares(LIGHT)).isTrue();
        assertThat(policy.shares(SMOKE)).as("a household's, though of a shared department and tagged").isFalse();
    }

    @Test
    void aThingUidThatIsNoneIsNamedWithItsSetting() {
        assertThatThrownBy(() -> SharePolicy.parse("*", "", "", "canal")).hasMessageStartingWith("withholdThings: ");
        assertThatThrownBy(() -> SharePolicy.parse("*", "x", "", "")).hasMessageStartingWith("shareThings: ");
    }

    private static Thing thing(String uid, String department, Set<String> tags, String household) {
        return new Thing(ThingUID.parse(uid), uid, null, household == null ? department : null, null, tags, Map.of(),
                Map.of(), Set.of(), household);
    }
}
