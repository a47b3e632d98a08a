package org.cityhub.binding.http.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.config.Parameter;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An endpoint's configuration, read from its thing by the SDK's configuration reader (defaults applied by the
 * hub). Secrets stay here and in the requests; {@link #toString()} leaves them out so that no log line carries them.
 */
record EndpointConfig(URI baseUrl, String authentication, Optional<String> username, Optional<String> password,
        Optional<String> token, String apiKeyHeader, Optional<String> apiKey, Optional<String> tokenUrl,
        Optional<String> clientId, Optional<String> clientSecret, Optional<String> scope,
        @Parameter("headers") Optional<String> headerLines, @Parameter("timeoutSeconds") Duration timeout,
        double requestsPerSecond, int maxBodyKilobytes, @Parameter("maxBackoffSeconds") Duration maxBackoff,
        boolean strictContentType, Optional<String> caCertificate) {

    private static final Map<String, List<String>> NEEDED = Map.of("basic", List.of("username", "password"),
            "bearer", List.of("token"), "apikey", List.of("apiKeyHeader", "apiKey"),
            "oauth2", List.of("tokenUrl", "clientId", "clientSecret"));

    /** @throws IllegalArgumentException listing every problem the descriptor cannot express */
    EndpointConfig {
        List<String> problems = new ArrayList<>();
        Map<String, Optional<String>> given = credentialParameters(username, password, token, apiKeyHeader, apiKey,
                tokenUrl, clientId, clientSecret);
        for (String key : NEEDED.getOrDefault(authentication, List.of())) {
            if (given.get(key).isEmpty()) {
                problems.add(authentication + " authentication needs '" + key + "'");
            }
        }
        headers(headerLines.orElse(null), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        baseUrl = baseUrl.toString().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
    }

    /** The credentials the authentication uses, by parameter name, and the scope if one is set. */
    Map<String, String> credentials() {
        Map<String, Optional<String>> given = credentialParameters(username, password, token, apiKeyHeader, apiKey,
                tokenUrl, clientId, clientSecret);
        Map<String, String> credentials = new LinkedHashMap<>();
        NEEDED.getOrDefault(authentication, List.of()).forEach(key -> credentials.put(key, given.get(key).get()));
        scope.ifPresent(value -> credentials.put("scope", value));
        return credentials;
    }

    /** The headers sent with every request. */
    Map<String, String> headers() {
        return headers(headerLines.orElse(null), new ArrayList<>());
    }

    /** The largest answer accepted. */
    int maxBodyBytes() {
        return maxBodyKilobytes * 1024;
    }

    private static Map<String, Optional<String>> credentialParameters(Optional<String> username,
            Optional<String> password, Optional<String> token, String apiKeyHeader, Optional<String> apiKey,
            Optional<String> tokenUrl, Optional<String> clientId, Optional<String> clientSecret) {
        return Map.of("username", username, "password", password, "token", token, "apiKeyHeader",
                Optional.of(apiKeyHeader).filter(header -> !header.isBlank()), "apiKey", apiKey, "tokenUrl", tokenUrl,
                "clientId", clientId, "clientSecret", clientSecret);
    }

    /** Header lines {@code Name: value}, one per line. */
    static Map<String, String> headers(@Nullable String lines, List<String> problems) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (lines == null) {
            return headers;
        }
        for (String line : lines.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 1 ? "" : line.substring(0, colon).trim();
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                problems.add("header line '" + line + "' is not 'Name: value'");
            } else {
                headers.put(name, line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    @Override
    public String toString() {
        return "endpoint " + baseUrl + " (" + authentication + " authentication)";
    }
}
