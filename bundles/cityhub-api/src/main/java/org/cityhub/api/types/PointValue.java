package org.cityhub.api.types;

/**
 * A geographic position (WGS 84).
 *
 * @param lat latitude in degrees, -90..90
 * @param lon longitude in degrees, -180..180
 */
public record PointValue(double lat, double lon) implements State {

    public PointValue {
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("latitude " + lat + " is outside -90..90");
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("longitude " + lon + " is outside -180..180");
        }
    }

    @Override
    public String type() {
        return "point";
    }

    @Override
    public String toString() {
        return lat + "," + lon;
    }
}
