package org.cityhub.rest.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import javax.servlet.http.HttpServletRequest;

import org.cityhub.api.config.DurationText;
import org.cityhub.api.config.InstantText;
import org.cityhub.api.persistence.Aggregate;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The query of a history route: a range ({@code from}, {@code to}: ISO-8601, or relative to now as {@code -24h},
 * or {@code now}), and either an {@code interval} with an {@code aggregate} (default {@code avg}) or a page of raw
 * points ({@code limit}, {@code cursor}).
 *
 * @param from the range's start, included
 * @param to the range's end, excluded
 * @param interval the aggregation interval, or {@code null} for raw points
 * @param aggregate the aggregate, or {@code null} for raw points
 * @param after where a page of raw points starts (decoded from {@code cursor}), or {@code null}
 * @param limit the most raw points
 */
record HistoryQuery(Instant from, Instant to, @Nullable Duration interval, @Nullable Aggregate aggregate,
        @Nullable Instant after, int limit) {

    /** The query parameters, for the OpenAPI document. */
    static final String[] PARAMETERS = { "from", "to", "interval", "aggregate", "limit", "cursor" };
    static final Duration DEFAULT_RANGE = Duration.ofDays(1);

    static HistoryQuery of(HttpServletRequest request, Instant now, int maxPoints) throws ProblemException {
        Instant to = time(request, "to", now, now);
        Instant from = time(request, "from", now, to.minus(DEFAULT_RANGE));
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        String intervalText = request.getParameter("interval");
        String aggregateText = request.getParameter("aggregate");
        if (blank(intervalText)) {
            if (!blank(aggregateText)) {
                throw ProblemException.badRequest("'aggregate' needs an 'interval' to aggregate over, e.g. interval=1h");
            }
            int limit = limit(request, maxPoints);
            return new HistoryQuery(from, to, null, null, cursor(request.getParameter("cursor")), limit);
        }
        if (!blank(request.getParameter("cursor")) || !blank(request.getParameter("limit"))) {
            throw ProblemException.badRequest("'cursor' and 'limit' page raw points; aggregated answers are not paged:"
                    + " leave them out, or leave out 'interval'");
        }
        Duration interval = ProblemException.parsing(() -> parseInterval(intervalText));
        Aggregate aggregate = blank(aggregateText) ? Aggregate.AVG : Aggregate.byId(aggregateText.trim())
                .orElseThrow(() -> ProblemException.badRequest("'aggregate' must be one of " + Aggregate.ids()
                        + ", was '" + aggregateText + "'"));
        return new HistoryQuery(from, to, interval, aggregate, null, 0);
    }

    private static Duration parseInterval(String text) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'interval': " + e.getMessage(), e);
        }
    }

    /** An instant as {@link InstantText} reads it. */
    private static Instant time(HttpServletRequest request, String name, Instant now, Instant fallback)
            throws ProblemException {
        String text = request.getParameter(name);
        if (blank(text)) {
            return fallback;
        }
        try {
            return InstantText.parse(text, now);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("'" + name + "': " + e.getMessage());
        }
    }

    private static int limit(HttpServletRequest request, int maxPoints) throws ProblemException {
        String text = request.getParameter("limit");
        if (blank(text)) {
            return maxPoints;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= maxPoints) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("'limit' must be a whole number from 1 to " + maxPoints + ", was '" + text
                + "'; follow 'next' for the rest of a range, or ask for an 'interval'");
    }

    /** The opaque cursor a page's {@code next} carries. */
    static String cursor(Instant after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(after.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable Instant cursor(@Nullable String text) throws ProblemException {
        if (blank(text)) {
            return null;
        }
        try {
            return Instant.parse(new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ProblemException.badRequest("'cursor' is not one this API gave; pass the 'next' of the previous page"
                    + " as it was");
        }
    }

    private static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }
}
