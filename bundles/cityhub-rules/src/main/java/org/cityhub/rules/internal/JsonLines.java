package org.cityhub.rules.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.cityhub.json.Json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The line of a JSON document a JSON pointer names, so that a problem in a rule file says where to look. A pointer
 * to something missing (a required field) is answered with the line of the nearest thing that is there.
 */
final class JsonLines {

    private JsonLines() {
    }

    /** The line, from 1; 1 if the document cannot be read at all. */
    static int lineOf(String text, String pointer) {
        Map<String, Integer> lines = lines(text);
        String at = pointer;
        while (true) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
            if (at.isEmpty()) {
                return 1;
            }
            at = at.substring(0, at.lastIndexOf('/'));
        }
    }

    /** Every value's pointer and the line it starts on. */
    private static Map<String, Integer> lines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        Deque<Integer> indexes = new ArrayDeque<>();
        try (JsonParser parser = Json.reader().createParser(text)) {
            String field = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    path.pollLast();
                    indexes.pollLast();
                    continue;
                }
                String segment = "";
                if (!indexes.isEmpty()) {
                    int index = indexes.pollLast();
                    segment = index >= 0 ? "/" + index : "/" + field;
                    indexes.addLast(index >= 0 ? index + 1 : index);
                }
                String pointer = (path.isEmpty() ? "" : path.peekLast()) + segment;
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    path.addLast(pointer);
                    indexes.addLast(token == JsonToken.START_ARRAY ? 0 : -1);
                }
            }
        } catch (IOException e) {
            // a document that cannot be read has its problem at its first line
        }
        return lines;
    }
}
