package org.cityhub.transform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON path of the common subset: {@code $}, {@code .name}, {@code ['name']}, {@code [index]} and {@code [*]}
 * (every element). Enough to reach a value in a device's or department's JSON without a library of its own.
 */
public final class JsonPath {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_-]*)|\\['([^']*)'\\]|\\[(\\d+|\\*)\\]");

    private final String text;
    private final List<String> segments;

    private JsonPath(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    /**
     * The path this text describes.
     *
     * @throws IllegalArgumentException saying where the path is malformed
     */
    public static JsonPath parse(String text) {
        String path = text.trim();
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("JSON path '" + text + "' must start with $");
        }
        List<String> segments = new ArrayList<>();
        Matcher matcher = SEGMENT.matcher(path);
        int at = 1;
        while (at < path.length()) {
            if (!matcher.find(at) || matcher.start() != at) {
                throw new IllegalArgumentException("JSON path '" + text + "' is malformed at character " + (at + 1)
                        + ": expected .name, ['name'], [index] or [*]");
            }
            segments.add(matcher.group(1) != null ? matcher.group(1)
                    : matcher.group(2) != null ? matcher.group(2) : "[" + matcher.group(3) + "]");
            at = matcher.end();
        }
        return new JsonPath(path, List.copyOf(segments));
    }

    /** Whether the path has a {@code [*]}, and so selects a list. */
    public boolean selectsMany() {
        return segments.contains("[*]");
    }

    /**
     * The nodes the path selects in a parsed document: one, none, or several through {@code [*]}.
     */
    public List<JsonNode> select(JsonNode document) {
        List<JsonNode> current = List.of(document);
        for (String segment : segments) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                if (segment.equals("[*]")) {
                    node.elements().forEachRemaining(next::add);
                } else if (segment.startsWith("[")) {
                    JsonNode element = node.get(Integer.parseInt(segment.substring(1, segment.length() - 1)));
                    if (element != null) {
                        next.add(element);
                    }
                } else if (node.has(segment)) {
                    next.add(node.get(segment));
                }
            }
            current = next;
        }
        return current;
    }

    /**
     * The single value the path selects in a JSON text, as text (a string's content, a number's or boolean's
     * text, or a nested value's JSON).
     *
     * @throws TransformationException if the text is not JSON or the path selects nothing
     */
    public String extract(String json) throws TransformationException {
        List<JsonNode> selected = select(parse(json, text));
        if (selected.isEmpty() || selected.get(0).isNull() || selected.get(0).isMissingNode()) {
            throw new TransformationException("JSON path " + text + " selects nothing in the payload", true);
        }
        return text(selected.get(0));
    }

    /** A node as a step's text: a string's content, a number's or boolean's text, or nested JSON. */
    public static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /**
     * A JSON text parsed.
     *
     * @throws TransformationException if it is not JSON
     */
    public static JsonNode parse(String json, String forWhat) throws TransformationException {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null) {
                throw new TransformationException(forWhat + ": the payload is empty, not JSON");
            }
            return node;
        } catch (IOException e) {
            String start = json.length() > 40 ? json.substring(0, 40) + "…" : json;
            throw new TransformationException(forWhat + ": the payload is not JSON ('" + start + "')");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
