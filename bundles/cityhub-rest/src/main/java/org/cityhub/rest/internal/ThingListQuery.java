package org.cityhub.rest.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.servlet.http.HttpServletRequest;

import org.cityhub.api.thing.BoundingBox;
import org.cityhub.api.thing.ThingQuery;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingTypeUID;

/**
 * The query of {@code GET /api/things}: filters ({@code department}, {@code binding}, {@code thingType},
 * {@code status}, {@code tag}, {@code bbox}) and a page ({@code offset}, {@code limit}).
 *
 * @param query the filters
 * @param offset how many matching things to skip
 * @param limit how many to return at most
 */
record ThingListQuery(ThingQuery query, int offset, int limit) {

    static final int MAX_LIMIT = 1_000;
    /** The query parameters, for the OpenAPI document. */
    static final String[] PARAMETERS = { "department", "binding", "thingType", "status", "tag", "bbox", "offset", "limit" };

    static ThingListQuery of(HttpServletRequest request) throws ProblemException {
        ThingQuery query = ProblemException.parsing(() -> new ThingQuery(request.getParameter("department"),
                request.getParameter("binding"), optional(request, "thingType", ThingTypeUID::parse),
                optional(request, "status", ThingListQuery::status), request.getParameter("tag"),
                optional(request, "bbox", BoundingBox::parse)));
        return new ThingListQuery(query, number(request, "offset", 0), number(request, "limit", MAX_LIMIT));
    }

    /** The request's query string with another offset, for the {@code Link: rel="next"} header. */
    static String withOffset(HttpServletRequest request, int offset) {
        Map<String, String> parameters = new TreeMap<>();
        request.getParameterMap().forEach((key, values) -> parameters.put(key, values[0]));
        parameters.put("offset", Integer.toString(offset));
        return parameters.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static ThingStatus status(String text) {
        try {
            return ThingStatus.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status '" + text + "' is not one of " + Arrays.toString(ThingStatus.values()));
        }
    }

    private static <T> T optional(HttpServletRequest request, String name, Function<String, T> parse) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? null : parse.apply(value.trim());
    }

    private static int number(HttpServletRequest request, String name, int fallback) throws ProblemException {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 0 || name.equals("limit") && (number < 1 || number > MAX_LIMIT)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("'" + name + "' must be " + (name.equals("limit")
                    ? "a whole number from 1 to " + MAX_LIMIT : "a whole number from 0") + ", was '" + value + "'");
        }
    }
}
