package org.cityhub.binding.http.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

/**
 * An endpoint's configuration, read from its thing's configuration (defaults applied by the hub). Secrets stay
 * here and in the requests; {@link #toString()} leaves them out so that no log line carries them.
 */
record EndpointConfig(URI baseUrl, String authentication, Map<String, String> credentials,
        Map<String, String> headers, Duration timeout, double requestsPerSecond, int maxBodyBytes,
        Duration maxBackoff) {

    private static final Map<String, List<String>> NEEDED = Map.of("basic", List.of("username", "password"),
            "bearer", List.of("token"), "apikey", List.of("apiKeyHeader", "apiKey"),
            "oauth2", List.of("tokenUrl", "clientId", "clientSecret"));

    /**
     * The configuration, checked beyond what the descriptor can say.
     *
     * @throws IllegalArgumentException listing every problem
     */
    static EndpointConfig of(Map<String, Object> configuration) {
        List<String> problems = new ArrayList<>();
        String authentication = text(configuration, "authentication");
        Map<String, String> credentials = new LinkedHashMap<>();
        for (String key : NEEDED.getOrDefault(authentication, List.of())) {
            String value = text(configuration, key);
            if (value == null || value.isBlank()) {
                problems.add(authentication + " authentication needs '" + key + "'");
            } else {
                credentials.put(key, value);
            }
        }
        String scope = text(configuration, "scope");
        if (scope != null) {
            credentials.put("scope", scope);
        }
        Map<String, String> headers = headers(text(configuration, "headers"), problems);
        URI baseUrl = null;
        try {
            String base = text(configuration, "baseUrl");
            baseUrl = new URI(base.endsWith("/") ? base : base + "/");
        } catch (URISyntaxException e) {
            problems.add("baseUrl is not a URL: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new EndpointConfig(baseUrl, authentication == null ? "none" : authentication, credentials, headers,
                Duration.ofSeconds(number(configuration, "timeoutSeconds").longValue()),
                number(configuration, "requestsPerSecond").doubleValue(),
                number(configuration, "maxBodyKilobytes").intValue() * 1024,
                Duration.ofSeconds(number(configuration, "maxBackoffSeconds").longValue()));
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

    private static @Nullable String text(Map<String, Object> configuration, String key) {
        Object value = configuration.get(key);
        return value == null ? null : value.toString();
    }

    private static BigDecimal number(Map<String, Object> configuration, String key) {
        return new BigDecimal(configuration.get(key).toString());
    }
}
