package org.cityhub.binding.http.internal;

import java.util.concurrent.CompletionException;

/** A request that got no usable answer, with a message that names the request and the reason. */
final class RequestFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean configuration;

    RequestFailed(String message, boolean configuration) {
        super(message, null, false, false);
        this.configuration = configuration;
    }

    /** Whether the failure is one that only a change of configuration mends (credentials refused). */
    boolean configuration() {
        return configuration;
    }

    /** Whether a request's failure is one that only a change of configuration mends. */
    static boolean isConfiguration(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RequestFailed failed && failed.configuration();
    }

    /** The sentence for a failure of a request's future: this exception's message, or the cause's. */
    static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
