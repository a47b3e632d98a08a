package org.cityhub.rest.internal;

import java.util.List;
import java.util.Map;

/**
 * An error answered as {@code application/problem+json} (RFC 9457): the status, a short title per status and a
 * detail that says precisely what was wrong with this request.
 */
final class ProblemException extends Exception {

    private static final long serialVersionUID = 1L;
    private static final Map<Integer, String> TITLES = Map.of(400, "Bad Request", 404, "Not Found", 405,
            "Method Not Allowed", 409, "Conflict", 413, "Payload Too Large", 415, "Unsupported Media Type", 500,
            "Internal Server Error", 503, "Service Unavailable");

    private final int status;
    private final List<String> violations;
    private int retryAfterSeconds;

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

    /** Tells the client when to try again ({@code Retry-After}), for a 503. */
    ProblemException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Seconds to wait before trying again; 0 for no {@code Retry-After}. */
    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Each rule a request body broke, for validation problems; empty otherwise. */
    List<String> violations() {
        return violations;
    }

    String title() {
        return TITLES.getOrDefault(status, "Error");
    }

    static ProblemException badRequest(String detail) {
        return new ProblemException(400, detail);
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
