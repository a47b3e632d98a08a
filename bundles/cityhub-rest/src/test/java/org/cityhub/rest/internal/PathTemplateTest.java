package org.cityhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PathTemplateTest {

    private final PathTemplate command = PathTemplate.of("/things/{uid}/channels/{channel}/command");

    @Test
    void extractsNamedSegments() {
        assertThat(command.match("/things/simulator:streetlight:l1/channels/power/command"))
                .contains(Map.of("uid", "simulator:streetlight:l1", "channel", "power"));
        assertThat(PathTemplate.of("/things").match("/things/")).contains(Map.of());
    }

    @Test
    void rejectsOtherShapesAndEmptySegments() {
        assertThat(command.match("/things/x/channels/power")).isEmpty();
        assertThat(command.match("/things//channels/power/command")).isEmpty();
        assertThat(command.match("/thing/x/channels/power/command")).isEmpty();
    }
}
