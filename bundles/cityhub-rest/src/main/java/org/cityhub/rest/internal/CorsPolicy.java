package org.cityhub.rest.internal;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Which web origins may call the API from a browser (CORS). None by default: a department's web page must be
 * listed before a browser lets it read the hub's answers. {@code *} allows every origin.
 */
final class CorsPolicy {

    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID";
    private static final String EXPOSED_HEADERS = "Link, Location, Retry-After, X-Total-Count";

    private final Set<String> origins;

    private CorsPolicy(Set<String> origins) {
        this.origins = origins;
    }

    /** From a comma-separated list of origins ({@code https://maps.city.example}), or {@code *}. */
    static CorsPolicy of(String allowedOrigins) {
        return new CorsPolicy(Arrays.stream(allowedOrigins.split(",")).map(String::trim).filter(o -> !o.isEmpty())
                .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).collect(Collectors.toUnmodifiableSet()));
    }

    /** Adds the CORS headers to an answer for an allowed origin; nothing for others or for non-browser calls. */
    void apply(HttpServletRequest request, HttpServletResponse response) {
        String origin = request.getHeader("Origin");
        if (origin != null && allows(origin)) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            response.addHeader("Vary", "Origin");
        }
    }

    /**
     * Answers a pre-flight {@code OPTIONS} request: 204 with what may be sent for an allowed origin, 403 for
     * others.
     */
    void preflight(HttpServletRequest request, HttpServletResponse response, String allowedMethods)
            throws ProblemException {
        String origin = request.getHeader("Origin");
        if (origin == null || !allows(origin)) {
            throw ProblemException.forbidden("origin " + origin + " may not call this API from a browser; an admin"
                    + " lists allowed origins in corsAllowedOrigins of etc/org.cityhub.rest.cfg");
        }
        apply(request, response);
        response.setHeader("Access-Control-Allow-Methods", allowedMethods);
        response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        response.setHeader("Access-Control-Max-Age", "600");
        response.setStatus(204);
    }

    private boolean allows(String origin) {
        return origins.contains("*") || origins.contains(origin);
    }
}
