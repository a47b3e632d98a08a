package org.cityhub.api.thing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UidTest {

    @Test
    void parsesEachLevelAndPrintsItBack() {
        ChannelUID channel = ChannelUID.parse("mqtt:airsensor:westlake-01:pm25");

        assertThat(channel.channelId()).isEqualTo("pm25");
        assertThat(channel.thingUID()).isEqualTo(ThingUID.parse("mqtt:airsensor:westlake-01"));
        assertThat(channel.thingUID().thingTypeUID()).isEqualTo(new ThingTypeUID("mqtt", "airsensor"));
        assertThat(channel.thingUID().bindingId()).isEqualTo("mqtt");
        assertThat(channel).hasToString("mqtt:airsensor:westlake-01:pm25");
    }

    @Test
    void rejectsTheWrongNumberOfSegmentsSayingWhatWasExpected() {
        assertThatThrownBy(() -> ThingUID.parse("mqtt:airsensor"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid thing UID 'mqtt:airsensor': expected binding:type:id (3 segments separated by ':')");
        assertThatThrownBy(() -> ThingTypeUID.parse("a:b:c")).hasMessageContaining("expected binding:type");
        assertThatThrownBy(() -> ChannelUID.parse(null)).hasMessageContaining("missing channel UID");
    }

    @Test
    void rejectsCharactersOutsideTheSegmentAlphabetNamingTheSegment() {
        assertThatThrownBy(() -> ThingUID.parse("mqtt:air sensor:w1"))
                .hasMessageStartingWith("invalid thing type id 'air sensor'");
        assertThatThrownBy(() -> ThingUID.parse("mqtt:air::"))
                .hasMessageContaining("expected binding:type:id");
        assertThatThrownBy(() -> ChannelUID.parse("a:b:c:"))
                .hasMessageStartingWith("invalid channel id ''");
        assertThatThrownBy(() -> ThingUID.parse("a:b:../etc")).hasMessageStartingWith("invalid thing id '../etc'");
    }

    @Test
    void thingRejectsABadDepartmentAndCopiesItsCollections() {
        ThingUID uid = ThingUID.parse("simulator:streetlight:l1");

        assertThatThrownBy(() -> new Thing(uid, "Light", null, "Public Lighting", null, null, null, null))
                .hasMessageContaining("invalid department 'Public Lighting'");
        assertThatThrownBy(() -> Thing.of(uid, " ", java.util.Map.of())).hasMessageContaining("missing label");
        assertThat(new Thing(uid, "Light", null, "lighting", null, null, null, null).tags()).isEmpty();
    }
}
