package org.cityhub.rest.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A route's path such as {@code /things/{uid}/channels/{channel}}; each {@code {name}} matches one segment. */
record PathTemplate(String template, String[] segments) {

    static PathTemplate of(String template) {
        return new PathTemplate(template, split(template));
    }

    /** The parameters if the path matches, by name. */
    Optional<Map<String, String>> match(String path) {
        String[] actual = split(path);
        if (actual.length != segments.length) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String expected = segments[i];
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(expected.substring(1, expected.length() - 1), actual[i]);
            } else if (!expected.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    @Override
    public String toString() {
        return template;
    }
}
