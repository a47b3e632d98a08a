package org.cityhub.api.thing;

/**
 * A rectangle on the map, in GeoJSON order: {@code minLon,minLat,maxLon,maxLat}.
 *
 * @param minLon western edge
 * @param minLat southern edge
 * @param maxLon eastern edge
 * @param maxLat northern edge
 */
public record BoundingBox(double minLon, double minLat, double maxLon, double maxLat) {

    /** @throws IllegalArgumentException if an edge is off the globe or the box is inside out */
    public BoundingBox {
        new Location(minLat, minLon);
        new Location(maxLat, maxLon);
        if (minLon > maxLon || minLat > maxLat) {
            throw new IllegalArgumentException("bounding box " + minLon + "," + minLat + "," + maxLon + "," + maxLat
                    + " is inside out: expected minLon,minLat,maxLon,maxLat");
        }
    }

    /**
     * Parses {@code minLon,minLat,maxLon,maxLat}.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static BoundingBox parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("bbox '" + text + "' must be four numbers: minLon,minLat,maxLon,maxLat");
        }
        try {
            return new BoundingBox(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                    Double.parseDouble(parts[2].trim()), Double.parseDouble(parts[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bbox '" + text + "' must be four numbers: minLon,minLat,maxLon,maxLat");
        }
    }

    /** Whether the location lies inside or on the edge. */
    public boolean contains(Location location) {
        return location.lon() >= minLon && location.lon() <= maxLon && location.lat() >= minLat
                && location.lat() <= maxLat;
    }
}
