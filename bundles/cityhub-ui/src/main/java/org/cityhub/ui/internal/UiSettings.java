package org.cityhub.ui.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the pages need to know of the hub's configuration: the map's tile server and first view. They are public,
 * as a page must read them before anyone signs in; nothing secret goes here.
 *
 * @param tileUrl the tile server's URL template, or empty for the offline backdrop
 * @param tileAttribution the tiles' attribution
 * @param latitude the map's first centre
 * @param longitude the map's first centre
 * @param zoom the map's first zoom
 */
record UiSettings(String tileUrl, String tileAttribution, double latitude, double longitude, int zoom) {

    private static final Pattern ORIGIN = Pattern.compile("(https?://)([^/?#]+)");

    /** @throws IllegalArgumentException if the tile URL is not an http(s) URL */
    UiSettings {
        if (!tileUrl.isBlank() && !tileUrl.startsWith("https://") && !tileUrl.startsWith("http://")) {
            throw new IllegalArgumentException("tileUrl must be an http or https URL with {z}/{x}/{y}, was '" + tileUrl
                    + "'");
        }
        if (!tileUrl.isBlank()) {
            origin(tileUrl);
        }
    }

    static UiSettings of(UiServlet.Config config) {
        return new UiSettings(config.tileUrl().strip(), config.tileAttribution().strip(), config.centerLatitude(),
                config.centerLongitude(), config.zoom());
    }

    /** The settings as the pages read them. */
    String json() {
        return String.format(Locale.ROOT, "{\"tileUrl\": %s, \"tileAttribution\": %s, \"center\": [%f, %f],"
                + " \"zoom\": %d}", quoted(tileUrl), quoted(tileAttribution), latitude, longitude, zoom);
    }

    /**
     * Scripts, styles and connections from the hub alone; images from it and from the tile server, if there is
     * one. Styles may be inline: the map and chart libraries position their elements with style attributes.
     */
    String contentSecurityPolicy() {
        String tiles = tileUrl.isBlank() ? "" : " " + origin(tileUrl);
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:" + tiles
                + "; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    }

    /** The tile server's origin, a subdomain placeholder ({@code {s}.tiles.example}) as a wildcard. */
    static String origin(String url) {
        Matcher matcher = ORIGIN.matcher(url);
        if (!matcher.lookingAt()) {
            throw new IllegalArgumentException("tileUrl '" + url + "' names no host");
        }
        return matcher.group(1) + matcher.group(2).replaceAll("\\{[a-z]+\\}", "*");
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>') {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
