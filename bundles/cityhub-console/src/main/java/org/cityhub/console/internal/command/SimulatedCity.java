package org.cityhub.console.internal.command;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A city of simulator things, written as one thing file, so that a person, a test or a benchmark makes a large
 * city in one step and the hub loads it the way it loads any city. The city is built of blocks of 100 things of
 * one department and district, mixed as a city's devices are: 40 street lights, 10 traffic counters, 5 air-quality
 * stations, 5 water gauges, and a parking gateway with 39 bay sensors behind it. The same plan always gives the
 * same city.
 *
 * @param things how many things, at least 1
 * @param departments how many departments own them, 1 to 100; the demo city's four come first
 * @param intervalSeconds how often each thing reports, at least 1
 * @param latitude the city centre's latitude
 * @param longitude the city centre's longitude
 * @param radiusKm how far from the centre things may stand
 * @param seed what the things' places are drawn from
 */
record SimulatedCity(int things, int departments, int intervalSeconds, double latitude, double longitude,
        double radiusKm, long seed) {

    /** The file the simulated city is written to, in the thing files' folder. */
    static final String FILE_NAME = "simulated-city.json";

    static final int MAX_THINGS = 1_000_000;
    private static final int BLOCK = 100;
    private static final int GATEWAY_AT = 60;
    private static final int DISTRICTS = 12;
    private static final List<String> NAMED_DEPARTMENTS = List.of("public-lighting", "transport", "environment", "water");
    private static final double KM_PER_DEGREE = 111.32;

    SimulatedCity {
        check(things >= 1 && things <= MAX_THINGS, "--things must be 1 to " + MAX_THINGS + ", not " + things);
        check(departments >= 1 && departments <= 100, "--departments must be 1 to 100, not " + departments);
        check(intervalSeconds >= 1, "--interval must be at least 1 second, not " + intervalSeconds);
        check(Math.abs(latitude) <= 85 && Math.abs(longitude) <= 180, "--around must be a latitude and longitude");
        check(radiusKm > 0 && radiusKm <= 200, "--radius must be above 0 and at most 200 km");
    }

    /** The departments' ids, in the order blocks take them. */
    List<String> departmentIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < departments; i++) {
            ids.add(i < NAMED_DEPARTMENTS.size() ? NAMED_DEPARTMENTS.get(i)
                    : String.format(Locale.ROOT, "department-%02d", i + 1));
        }
        return ids;
    }

    /** Writes the city to the file whole: the watcher never sees half of it. */
    void writeTo(Path file) throws IOException {
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial);
                JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("things");
            Random places = new Random(seed);
            List<String> departmentIds = departmentIds();
            for (int i = 0; i < things; i++) {
                writeThing(json, i, departmentIds.get((i / BLOCK) % departments), places);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void writeThing(JsonGenerator json, int index, String department, Random places) throws IOException {
        int block = index / BLOCK;
        String type = typeAt(index % BLOCK);
        String district = String.format(Locale.ROOT, "district-%02d", block % DISTRICTS + 1);
        json.writeStartObject();
        json.writeStringField("uid", uid(type, index));
        json.writeStringField("label", String.format(Locale.ROOT, "Simulated %s %d", type, index));
        json.writeStringField("department", department);
        if (type.equals("parking")) {
            json.writeStringField("bridgeUID", uid("gateway", block * BLOCK + GATEWAY_AT));
        }
        double distance = radiusKm * Math.sqrt(places.nextDouble());
        double bearing = 2 * Math.PI * places.nextDouble();
        json.writeObjectFieldStart("location");
        json.writeNumberField("lat", round(latitude + distance * Math.cos(bearing) / KM_PER_DEGREE));
        json.writeNumberField("lon", round(longitude + distance * Math.sin(bearing)
                / (KM_PER_DEGREE * Math.cos(Math.toRadians(latitude)))));
        json.writeEndObject();
        json.writeArrayFieldStart("tags");
        json.writeString("simulated");
        json.writeString(district);
        json.writeEndArray();
        json.writeObjectFieldStart("configuration");
        json.writeNumberField("intervalSeconds", intervalSeconds);
        json.writeEndObject();
        json.writeEndObject();
    }

    /** The type of the thing at a position of its block. */
    private static String typeAt(int position) {
        if (position < 40) {
            return "streetlight";
        }
        if (position < 50) {
            return "traffic";
        }
        if (position < 55) {
            return "airquality";
        }
        if (position < GATEWAY_AT) {
            return "waterlevel";
        }
        return position == GATEWAY_AT ? "gateway" : "parking";
    }

    private static String uid(String type, int index) {
        return "simulator:" + type + ":sim-" + index;
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private static void check(boolean valid, String problem) {
        if (!valid) {
            throw new IllegalArgumentException(problem);
        }
    }
}
