package org.cityhub.json;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;

import org.cityhub.api.types.NumberValue;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ValueNode;

/**
 * Reading and writing JSON text the way the whole hub does: numbers are read as {@link BigDecimal} and written as
 * they came (never in exponent form), a number out of {@link NumberValue}'s bounds is refused where it is read,
 * and trailing content after a document is an error. Thread-safe.
 */
public final class Json {

    /**
     * Builds trees whose numbers all keep to {@link NumberValue}'s bounds: every JSON document the hub reads (a
     * request body, a thing file, a stored file) goes through here, so {@code 1e999999999} never gets in, to be
     * written out plain as a gigabyte of zeros.
     */
    private static final class BoundedNumbers extends JsonNodeFactory {

        private static final long serialVersionUID = 1L;

        BoundedNumbers() {
            super(true);
        }

        @Override
        public ValueNode numberNode(BigDecimal value) {
            return super.numberNode(NumberValue.checkBounds(value));
        }

        @Override
        public ValueNode numberNode(BigInteger value) {
            NumberValue.checkBounds(new BigDecimal(value));
            return super.numberNode(value);
        }
    }

    private static final JsonNodeFactory NODES = new BoundedNumbers();
    // private, so that no bundle can reconfigure what every other bundle reads and writes with
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .setNodeFactory(NODES);

    private Json() {
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A new empty array node. */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * Parses a JSON document.
     *
     * @throws JsonProcessingException if the text is not one JSON document, with its location
     */
    public static JsonNode parse(String text) throws JsonProcessingException {
        try {
            return MAPPER.readTree(text);
        } catch (IllegalArgumentException e) {
            throw outOfRange(e);
        }
    }

    /**
     * Parses a JSON document from its bytes (UTF-8, or another encoding JSON allows).
     *
     * @throws IOException if the bytes are not one JSON document, with its location
     */
    public static JsonNode parse(byte[] bytes) throws IOException {
        try {
            return MAPPER.readTree(bytes);
        } catch (IllegalArgumentException e) {
            throw outOfRange(e);
        }
    }

    /**
     * Parses a JSON document from a stream, and closes the stream.
     *
     * @throws IOException if the stream cannot be read or does not hold one JSON document
     */
    public static JsonNode parse(InputStream in) throws IOException {
        try {
            return MAPPER.readTree(in);
        } catch (IllegalArgumentException e) {
            throw outOfRange(e);
        }
    }

    /**
     * Parses a JSON file.
     *
     * @throws IOException if the file cannot be read or does not hold one JSON document
     */
    public static JsonNode parse(File file) throws IOException {
        try {
            return MAPPER.readTree(file);
        } catch (IllegalArgumentException e) {
            throw outOfRange(e);
        }
    }

    /** A reader with the hub's settings, for streaming parsers that tune it further. */
    public static ObjectReader reader() {
        return MAPPER.reader();
    }

    /** Serialises a node to compact JSON text. */
    public static String toText(JsonNode node) {
        return write(node, false);
    }

    /** Serialises a node to indented JSON text, for files people read. */
    public static String toPrettyText(JsonNode node) {
        return write(node, true);
    }

    /**
     * A plain value (text, number, boolean, list, map of them) as a JSON tree.
     *
     * @throws IllegalArgumentException if the value has no JSON form
     */
    public static JsonNode toTree(@Nullable Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A number the node factory refused, as the parse error it is, with the reason as its message. */
    static JsonProcessingException outOfRange(IllegalArgumentException e) {
        return new JsonMappingException(null, e.getMessage(), e);
    }

    private static String write(JsonNode node, boolean pretty) {
        try {
            return pretty ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node)
                    : MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
