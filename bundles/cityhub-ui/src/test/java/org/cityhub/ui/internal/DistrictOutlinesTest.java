package org.cityhub.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistrictOutlinesTest {

    private static final String XIHU = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\","
            + " \"properties\": {\"name\": \"西湖区 Xihu\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\":"
            + " [[[120.0, 30.2], [120.1, 30.2], [120.1, 30.3], [120.0, 30.2]]]}}]}";

    @TempDir
    Path etc;

    @Test
    void theCitysOutlinesReachThePageAndAreReadAgainWhenTheyChange() throws IOException {
        Path file = etc.resolve("districts.geojson");
        DistrictOutlines outlines = new DistrictOutlines(file);
        assertThat(outlines.json()).isEqualTo("{\"type\":\"FeatureCollection\",\"features\":[]}");

        Files.writeString(file, XIHU);
        assertThat(outlines.json()).contains("\"name\":\"西湖区 Xihu\"").doesNotContain("problem");

        Files.writeString(file, XIHU.replace("Polygon", "Point"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(outlines.json()).contains("\"features\":[]")
                .contains("feature 1 must have a Polygon or MultiPolygon geometry with coordinates, had 'Point'");
    }

    @Test
    void aDamagedFileGivesNoDistrictsAndSaysWhereItIsBroken() throws IOException {
        Path file = etc.resolve("districts.geojson");
        Files.writeString(file, "{\"type\": \"FeatureCollection\",\n \"features\": [\u0000");

        assertThat(new DistrictOutlines(file).json()).contains("\"features\":[]").contains("districts.geojson: line 2")
                .contains("the map shows no districts until it is mended");
        Files.writeString(file, XIHU.replace("\"name\"", "\"title\""));
        assertThat(new DistrictOutlines(file).json()).contains("feature 1 must have properties.name");
        Files.writeString(file, "[]");
        assertThat(new DistrictOutlines(file).json()).contains("a GeoJSON FeatureCollection");
    }
}
