package org.cityhub.binding.http.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OAuth2 client credentials (RFC 6749 §4.4): a token fetched from the token URL with the client's id and secret,
 * shared by every request of the endpoint until shortly before it expires, and fetched anew when the service
 * refuses it. Concurrent requests wait for the same fetch.
 */
final class OAuth2ClientCredentials implements Authentication {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EARLY = Duration.ofSeconds(30);

    private final HttpClient client;
    private final Function<URI, CompletableFuture<URI>> admitted;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final @Nullable String scope;
    private final Duration timeout;
    private final Clock clock;
    private @Nullable CompletableFuture<Map<String, String>> current;
    private Instant expires = Instant.MIN;

    /** @param admitted completes when the outbound policy admits a destination, fails if it refuses it */
    OAuth2ClientCredentials(HttpClient client, Function<URI, CompletableFuture<URI>> admitted, URI tokenUrl, String clientId, String clientSecret,
            @Nullable String scope, Duration timeout, Clock clock) {
        this.client = client;
        this.admitted = admitted;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public synchronized CompletableFuture<Map<String, String>> headers() {
        CompletableFuture<Map<String, String>> token = current;
        boolean failed = token != null && token.isCompletedExceptionally();
        if (token == null || failed || (token.isDone() && clock.instant().isAfter(expires))) {
            token = fetch();
            current = token;
        }
        return token;
    }

    @Override
    public synchronized void refused() {
        current = null;
    }

    private CompletableFuture<Map<String, String>> fetch() {
        String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + encode(scope));
        String basic = Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(clientSecret))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return admitted.apply(tokenUrl).thenCompose(url -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .thenApply(this::token);
    }

    private Map<String, String> token(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        if (response.statusCode() != 200 || !body.path("access_token").isTextual()) {
            String error = body.path("error").asText("");
            String description = body.path("error_description").asText("");
            throw new RequestFailed("the OAuth2 token request to " + tokenUrl + " was refused: HTTP "
                    + response.statusCode() + (error.isEmpty() ? "" : " " + error)
                    + (description.isEmpty() ? "" : " (" + description + ")"), response.statusCode() < 500);
        }
        long lifetime = body.path("expires_in").asLong(3600);
        synchronized (this) {
            expires = clock.instant().plusSeconds(lifetime).minus(EARLY);
        }
        return Map.of("Authorization", "Bearer " + body.path("access_token").asText());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
