package org.cityhub.console.internal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.json.Json;
import org.cityhub.json.ThingJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class SimulatedCityTest {

    @TempDir
    Path folder;

    @Test
    void aCityOfMixedThingsWhoseParkingSensorsGoThroughGatewaysOfTheirOwnDepartment() throws Exception {
        List<Thing> city = write(new SimulatedCity(1_050, 12, 30, 30.27, 120.15, 10, 7));

        assertThat(city).hasSize(1_050);
        assertThat(city.stream().map(Thing::uid).distinct()).hasSize(1_050);
        Map<String, Long> types = city.stream().collect(Collectors.groupingBy(t -> t.thingTypeUID().id(),
                Collectors.counting()));
        assertThat(types).containsEntry("streetlight", 440L).containsEntry("traffic", 110L)
                .containsEntry("airquality", 50L).containsEntry("waterlevel", 50L).containsEntry("gateway", 10L)
                .containsEntry("parking", 390L);
        assertThat(city.stream().map(Thing::department).distinct()).hasSize(11)
                .contains("public-lighting", "water", "department-11");
        Map<ThingUID, Thing> byUid = city.stream().collect(Collectors.toMap(Thing::uid, Function.identity()));
        assertThat(city).filteredOn(t -> t.thingTypeUID().id().equals("parking")).allSatisfy(sensor -> {
            Thing gateway = byUid.get(sensor.bridgeUID());
            assertThat(gateway).isNotNull();
            assertThat(gateway.department()).isEqualTo(sensor.department());
        });
        assertThat(city).allSatisfy(thing -> {
            assertThat(thing.location().lat()).isBetween(30.27 - 0.1, 30.27 + 0.1);
            assertThat(thing.tags()).contains("simulated");
            assertThat(thing.configuration()).containsEntry("intervalSeconds", new BigDecimal("30"));
        });
    }

    @Test
    void theSamePlanGivesTheSameCity() throws Exception {
        SimulatedCity plan = new SimulatedCity(300, 4, 60, 52.52, 13.40, 5, 1);
        plan.writeTo(folder.resolve("a.json"));
        plan.writeTo(folder.resolve("b.json"));

        assertThat(Files.readAllBytes(folder.resolve("a.json"))).isEqualTo(Files.readAllBytes(folder.resolve("b.json")));
        assertThat(Files.list(folder).map(Path::getFileName).map(Path::toString)).containsOnly("a.json", "b.json");
    }

    @Test
    void aPlanOutsideItsBoundsIsRefusedSayingWhichOption() {
        assertThatThrownBy(() -> new SimulatedCity(0, 4, 60, 52.52, 13.40, 5, 1)).hasMessageContaining("--things");
        assertThatThrownBy(() -> new SimulatedCity(10, 101, 60, 52.52, 13.40, 5, 1))
                .hasMessageContaining("--departments");
        assertThatThrownBy(() -> new SimulatedCity(10, 4, 0, 52.52, 13.40, 5, 1)).hasMessageContaining("--interval");
        assertThatThrownBy(() -> new SimulatedCity(10, 4, 60, 95, 13.40, 5, 1)).hasMessageContaining("--around");
        assertThatThrownBy(() -> new SimulatedCity(10, 4, 60, 52.52, 13.40, 0, 1)).hasMessageContaining("--radius");
    }

    private List<Thing> write(SimulatedCity plan) throws Exception {
        Path file = folder.resolve(SimulatedCity.FILE_NAME);
        plan.writeTo(file);
        JsonNode things = Json.reader().readTree(Files.readString(file)).get("things");
        List<Thing> city = new ArrayList<>();
        things.forEach(node -> city.add(ThingJson.parseThing(node)));
        assertThat(Set.copyOf(city)).hasSameSizeAs(city);
        return city;
    }
}
