package org.cityhub.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Serves the web console at {@code /ui/}: the pages from this bundle's {@code web/}, the libraries from the WebJars
 * packed into it under {@code /ui/lib/}, the console's settings as {@code /ui/config.json} and the city's district
 * outlines as {@code /ui/districts.json}. It holds no data of
 * the hub: the pages ask {@code /api} for everything, with the user's token. Unknown paths are {@code 404}; a path
 * that climbs out of its folder never reaches the class loader.
 */
@Component(service = Servlet.class, configurationPid = "org.cityhub.ui", property = {
        "osgi.http.whiteboard.servlet.pattern=/ui/*", "osgi.http.whiteboard.servlet.name=cityhub-ui" })
@Designate(ocd = UiServlet.Config.class)
public final class UiServlet extends HttpServlet {

    /** Typed configuration, PID {@code org.cityhub.ui}. */
    @ObjectClassDefinition(name = "CityHub web console", description = "The map's tiles and first view")
    public @interface Config {

        @AttributeDefinition(description = "The map's tile server, {z}/{x}/{y} in it (a city runs its own); empty for"
                + " none: the map works offline on a plain backdrop")
        String tileUrl() default "";

        @AttributeDefinition(description = "The tiles' attribution, shown on the map")
        String tileAttribution() default "";

        @AttributeDefinition(description = "The map's first centre, latitude")
        double centerLatitude() default 30.27;

        @AttributeDefinition(description = "The map's first centre, longitude")
        double centerLongitude() default 120.17;

        @AttributeDefinition(description = "The map's first zoom", min = "1", max = "19")
        int zoom() default 12;

        @AttributeDefinition(description = "The city's districts, a GeoJSON FeatureCollection of polygons with"
                + " properties.name; relative to the distribution's etc/ folder")
        String districtsFile() default "districts.geojson";
    }

    private static final long serialVersionUID = 1L;
    private static final String LIBRARIES = "/lib/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=utf-8", "js",
            "text/javascript;charset=utf-8", "css", "text/css;charset=utf-8", "png", "image/png", "svg", "image/svg+xml",
            "json", "application/json", "txt", "text/plain;charset=utf-8");

    private volatile transient UiSettings settings;
    private volatile transient DistrictOutlines districts;

    @Activate
    public UiServlet(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        settings = UiSettings.of(config);
        districts = new DistrictOutlines(etc().resolve(config.districtsFile()));
    }

    private static Path etc() {
        return Path.of(System.getProperty("karaf.etc", "etc"));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        if (path.equals("/config.json")) {
            send(response, "json", settings.json().getBytes(StandardCharsets.UTF_8), false);
            return;
        }
        if (path.equals("/districts.json")) {
            send(response, "json", districts.json().getBytes(StandardCharsets.UTF_8), false);
            return;
        }
        Optional<String> resource = resource(path);
        URL found = resource.map(name -> UiServlet.class.getClassLoader().getResource(name)).orElse(null);
        if (found == null) {
            response.sendError(404);
            return;
        }
        try (InputStream in = found.openStream()) {
            send(response, extension(resource.get()), in.readAllBytes(), path.startsWith(LIBRARIES));
        }
    }

    /**
     * The class-path name of what a path asks for: {@code web/} for the pages ({@code /} is the console itself),
     * the WebJars' folder for {@code /lib/}; empty for a path that is not plain (dots that climb, backslashes).
     */
    static Optional<String> resource(String path) {
        if (path.contains("..") || path.contains("\\") || path.contains("//") || !path.startsWith("/")) {
            return Optional.empty();
        }
        if (path.startsWith(LIBRARIES)) {
            return Optional.of("META-INF/resources/webjars/" + path.substring(LIBRARIES.length()));
        }
        return Optional.of("web" + (path.equals("/") ? "/index.html" : path));
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Libraries are pinned by version in their paths: cached for a year; the pages are checked every time. */
    private void send(HttpServletResponse response, String extension, byte[] body, boolean versioned)
            throws IOException {
        String type = TYPES.get(extension);
        if (type == null) {
            response.sendError(404);
            return;
        }
        response.setContentType(type);
        response.setHeader("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", settings.contentSecurityPolicy());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
