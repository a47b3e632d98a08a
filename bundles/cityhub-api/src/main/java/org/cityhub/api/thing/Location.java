package org.cityhub.api.thing;

/**
 * Where a thing stands (WGS 84).
 *
 * @param lat latitude in degrees, -90..90
 * @param lon longitude in degrees, -180..180
 */
public record Location(double lat, double lon) {

    public Location {
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("latitude " + lat + " is outside -90..90");
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("longitude " + lon + " is outside -180..180");
        }
    }
}
