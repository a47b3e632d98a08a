package org.cityhub.rest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answered as {@code application/problem+json} (RFC 9457): the status, a short title per status and a
 * detail that says precisely what was wrong with this request.
 */
final class ProblemException extends Exception {

    private static final long serialVersionUID = 1L;
    private static final Map<Integer, String> TITLES = Map.ofEntries(Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"), Map.entry(413, "Payload Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(503, "Service Unavailable"));

    private final int status;
    private final List<String> violations;
    private final Map<String, String> headers = new LinkedHashMap<>();

    ProblemException(int status, String detail) {
        this(status, detail, List.of());
    }

    ProblemException(int status, String detail, List<String> violations) {
        super(detail);
        this.status = status;
        this.violations = List.copyOf(violations);
    }

    int status() {
        return status;
    }

    /** Tells the client when to try again ({@code Retry-After}), for a 429 or 503. */
    ProblemException retryAfter(int seconds) {
        return header("Retry-After", Integer.toString(seconds));
    }

    /** Adds a header to the answer, e.g. {@code WWW-Authenticate} for a 401. */
    ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The headers to send with the problem. */
    Map<String, String> headers() {
        return headers;
    }

    /** Each rule a request body broke, for validation problems; empty otherwise. */
    List<String> violations() {
        return violations;
    }

    String title() {
        return TITLES.getOrDefault(status, "Error");
    }

    /**
     * A refusal of a hub service as a problem, by its reason's name, which the services' exceptions share:
     * {@code INVALID} 400, {@code NOT_FOUND} 404, {@code CONFLICT} 409, {@code STORAGE_FAILED} 503.
     */
    static ProblemException refused(Enum<?> reason, String detail) {
        int status = switch (reason.name()) {
            case "INVALID" -> 400;
            case "NOT_FOUND" -> 404;
            case "CONFLICT" -> 409;
            case "STORAGE_FAILED" -> 503;
            default -> throw new IllegalArgumentException("no status for reason " + reason);
        };
        return new ProblemException(status, detail);
    }

    static ProblemException badRequest(String detail) {
        return new ProblemException(400, detail);
    }

    static ProblemException forbidden(String detail) {
        return new ProblemException(403, detail);
    }

    static ProblemException notFound(String detail) {
        return new ProblemException(404, detail);
    }

    /** Runs a parse that reports bad input as {@link IllegalArgumentException}, answering 400 with its message. */
    static <T> T parsing(Parse<T> parse) throws ProblemException {
        try {
            return parse.run();
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
    }

    /** A parse of request input. */
    @FunctionalInterface
    interface Parse<T> {
        T run();
    }
}
