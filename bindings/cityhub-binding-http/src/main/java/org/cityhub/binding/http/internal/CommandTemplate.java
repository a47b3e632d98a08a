package org.cityhub.binding.http.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cityhub.api.types.Command;
import org.cityhub.transform.ChannelReader;
import org.cityhub.transform.StateText;
import org.cityhub.transform.TransformChain;
import org.cityhub.transform.TransformationException;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The request a command on one channel becomes, from the channel's settings: {@code commandMethod} (POST, PUT or
 * PATCH), {@code commandPath}, {@code commandBody}, {@code commandHeaders} (lines {@code Name: value}),
 * {@code commandContentType} and {@code commandTransform} (a chain from the command's text to the value). Path,
 * body and headers may hold {@code {value}}, {@code {channel}}, {@code {thing}} and {@code {key}}.
 */
record CommandTemplate(String method, String path, String body, Map<String, String> headers, String contentType,
        TransformChain outbound) {

    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");

    /**
     * The channel's command template, or empty if the channel has none and no default path.
     *
     * @throws IllegalArgumentException naming every malformed setting
     */
    static Optional<CommandTemplate> of(Map<String, Object> settings, @Nullable String defaultPath) {
        String path = text(settings, "commandPath", defaultPath);
        if (path == null) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        try {
            EndpointPaths.checkRelative("commandPath", path);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        String method = text(settings, "commandMethod", "POST").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            problems.add("commandMethod must be POST, PUT or PATCH, not " + method);
        }
        Map<String, String> headers = EndpointConfig.headers(text(settings, "commandHeaders", null), problems);
        TransformChain outbound = TransformChain.identity();
        try {
            outbound = TransformChain.parse(ChannelReader.steps(settings.get("commandTransform")));
        } catch (IllegalArgumentException e) {
            problems.add("commandTransform: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return Optional.of(new CommandTemplate(method, path, text(settings, "commandBody", "{value}"), headers,
                text(settings, "commandContentType", "application/json"), outbound));
    }

    /** The request for a command, with the placeholders filled in. */
    DepartmentClient.Request request(Command command, Map<String, String> placeholders)
            throws TransformationException {
        String value = outbound.apply(StateText.ofCommand(command));
        boolean json = contentType.toLowerCase(Locale.ROOT).contains("json");
        Map<String, String> headerValues = new LinkedHashMap<>();
        headers.forEach((name, template) -> headerValues.put(name, fill(template, value, placeholders, false)));
        headerValues.put("Content-Type", contentType);
        String encodedPath = fill(path, URLEncoder.encode(value, StandardCharsets.UTF_8), placeholders, false);
        return new DepartmentClient.Request(method, encodedPath, headerValues, fill(body, value, placeholders, json));
    }

    private static String fill(String template, String value, Map<String, String> placeholders, boolean json) {
        String filled = template;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            filled = filled.replace("{" + placeholder.getKey() + "}", placeholder.getValue());
        }
        return filled.replace("{value}", json ? jsonEscaped(value) : value);
    }

    /** The value as it may stand inside a JSON string, or as a JSON number or literal, unchanged where it is safe. */
    private static String jsonEscaped(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    private static String text(Map<String, Object> settings, String key, @Nullable String fallback) {
        Object value = settings.get(key);
        return value == null ? fallback : value.toString();
    }
}
