package org.cityhub.core.internal.thing.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cityhub.api.config.ConfigValidator;
import org.cityhub.api.thing.DefinitionProblem;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingTypeRegistry;
import org.cityhub.json.Json;
import org.cityhub.json.ThingJson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads a thing file, {@code {"things": [ thing, … ]}}, keeping the line of each thing so that every problem
 * names where it is. A thing whose type is installed has its configuration checked against it.
 */
final class ThingFileParser {

    /**
     * What a file holds: its things, or the problems that make it unusable as a whole.
     *
     * @param things the things, if there are no problems
     * @param problems what is wrong, each with its line
     */
    record Parsed(List<Thing> things, List<DefinitionProblem> problems) {
    }

    /** Reads one thing at a time from the array, so the rest of the file must not count as trailing tokens. */
    private static final ObjectReader STREAM = Json.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ThingFileParser() {
    }

    static Parsed parse(Path file, ThingTypeRegistry types) {
        String name = file.getFileName().toString();
        List<Thing> things = new ArrayList<>();
        List<DefinitionProblem> problems = new ArrayList<>();
        SharedValues shared = new SharedValues();
        try (JsonParser parser = STREAM.createParser(file.toFile())) {
            if (!findThingsArray(parser)) {
                return new Parsed(List.of(), List.of(new DefinitionProblem(name, 1, 1,
                        "expected an object {\"things\": [ … ]}")));
            }
            for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY;
                    token = parser.nextToken()) {
                JsonLocation at = parser.currentTokenLocation();
                JsonNode node;
                try {
                    node = STREAM.readTree(parser);
                } catch (IllegalArgumentException e) { // a number out of range: the rest cannot be read reliably
                    problems.add(new DefinitionProblem(name, at.getLineNr(), at.getColumnNr(), e.getMessage()));
                    break;
                }
                try {
                    Thing thing = ThingJson.parseThing(node);
                    checkConfiguration(thing, types);
                    things.add(shared.shared(thing));
                } catch (IllegalArgumentException e) {
                    problems.add(new DefinitionProblem(name, at.getLineNr(), at.getColumnNr(), thingName(node) + e.getMessage()));
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new DefinitionProblem(name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new DefinitionProblem(name, 0, 0, "cannot be read: " + e));
        }
        return new Parsed(problems.isEmpty() ? things : List.of(), problems);
    }

    /** Moves the parser onto the {@code things} array's start; false if the file has no such array. */
    private static boolean findThingsArray(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("things") && value == JsonToken.START_ARRAY) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    private static void checkConfiguration(Thing thing, ThingTypeRegistry types) {
        types.get(thing.thingTypeUID()).ifPresent(type -> {
            ConfigValidator.Result result = ConfigValidator.validate(type, thing);
            if (!result.valid()) {
                throw new IllegalArgumentException(String.join("; ", result.violations()));
            }
        });
    }

    private static String thingName(JsonNode node) {
        return node.hasNonNull("uid") ? "thing " + node.get("uid").asText() + ": " : "";
    }
}
