package org.cityhub.binding.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** How an endpoint proves who the hub is: the headers each request carries. */
interface Authentication {

    /** No credentials. */
    Authentication NONE = () -> CompletableFuture.completedFuture(Map.of());

    /** The headers to add to a request, once known (an OAuth2 token may first have to be fetched). */
    CompletableFuture<Map<String, String>> headers();

    /** The service refused the credentials: forget what may have expired (a cached token). */
    default void refused() {
    }

    /** HTTP basic authentication. */
    static Authentication basic(String username, String password) {
        String encoded = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return fixed("Authorization", "Basic " + encoded);
    }

    /** A fixed bearer token. */
    static Authentication bearer(String token) {
        return fixed("Authorization", "Bearer " + token);
    }

    /** An API key in a header of the service's choosing. */
    static Authentication apiKey(String header, String key) {
        return fixed(header, key);
    }

    private static Authentication fixed(String header, String value) {
        CompletableFuture<Map<String, String>> headers = CompletableFuture.completedFuture(Map.of(header, value));
        return () -> headers;
    }
}
