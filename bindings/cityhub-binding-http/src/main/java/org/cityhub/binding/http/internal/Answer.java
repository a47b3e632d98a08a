package org.cityhub.binding.http.internal;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A department service's answer, read within the endpoint's size limit.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}, or empty
 * @param body the body as text
 * @param etag the {@code ETag}, if any
 * @param lastModified the {@code Last-Modified}, if any
 * @param retryAfter how long the service asked to wait ({@code Retry-After} in seconds), if it did
 */
record Answer(int status, String contentType, String body, @Nullable String etag, @Nullable String lastModified,
        Optional<Duration> retryAfter) {

    boolean successful() {
        return status >= 200 && status < 300;
    }

    /** Whether the content type says JSON ({@code application/json}, {@code application/geo+json}, …) or nothing. */
    boolean saysJson() {
        return contentType.isEmpty() || contentType.toLowerCase(java.util.Locale.ROOT).contains("json");
    }
}
