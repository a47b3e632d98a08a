package org.cityhub.binding.coap.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.coap.MediaTypeRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/**
 * A resource's payload as text the channels' transform chains read: text and JSON as they are, CBOR as JSON, and
 * SenML (RFC 8428, JSON and CBOR) as its records by name, each value with its unit.
 */
final class Payloads {

    /** What a payload says: one document for all channels, or SenML records by name. */
    record Decoded(String document, Map<String, String> records) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final Map<String, String> UNITS = Map.ofEntries(Map.entry("Cel", "°C"), Map.entry("%RH", "%"),
            Map.entry("/", "%"), Map.entry("lx", "lx"), Map.entry("Pa", "Pa"), Map.entry("hPa", "hPa"),
            Map.entry("m", "m"), Map.entry("cm", "cm"), Map.entry("V", "V"), Map.entry("A", "A"),
            Map.entry("W", "W"), Map.entry("ppm", "ppm"), Map.entry("ug/m3", "µg/m³"), Map.entry("dB", "dB"),
            Map.entry("m/s", "m/s"), Map.entry("s", "s"), Map.entry("%EL", "%"), Map.entry("count", ""));

    private Payloads() {
    }

    /**
     * Decodes a payload of a content format.
     *
     * @throws IOException saying what is wrong: an unknown format, CBOR or SenML that does not parse
     */
    static Decoded decode(int contentFormat, byte[] payload) throws IOException {
        switch (contentFormat) {
            case MediaTypeRegistry.TEXT_PLAIN, MediaTypeRegistry.UNDEFINED:
            case MediaTypeRegistry.APPLICATION_JSON:
                return new Decoded(new String(payload, StandardCharsets.UTF_8), Map.of());
            case MediaTypeRegistry.APPLICATION_CBOR:
                return new Decoded(tree(CBOR, payload, "CBOR").toString(), Map.of());
            case MediaTypeRegistry.APPLICATION_SENML_JSON:
                return new Decoded("", senml(tree(JSON, payload, "SenML JSON")));
            case MediaTypeRegistry.APPLICATION_SENML_CBOR:
                return new Decoded("", senml(tree(CBOR, payload, "SenML CBOR")));
            default:
                throw new IOException("content format " + contentFormat + " (" + MediaTypeRegistry.toString(contentFormat)
                        + ") is not one the binding reads: text, JSON, CBOR, SenML JSON or SenML CBOR");
        }
    }

    private static JsonNode tree(ObjectMapper mapper, byte[] payload, String format) throws IOException {
        try {
            JsonNode node = mapper.readTree(payload);
            if (node == null) {
                throw new IOException("the payload is empty, not " + format);
            }
            return node;
        } catch (IOException e) {
            throw new IOException("the payload is not " + format + (e.getMessage() == null ? ""
                    : " (" + e.getMessage().lines().findFirst().orElse("") + ")"));
        }
    }

    /** SenML records, base values applied: the value of each record by its full name, with its unit. */
    static Map<String, String> senml(JsonNode pack) throws IOException {
        if (!pack.isArray()) {
            throw new IOException("a SenML pack is an array of records");
        }
        Map<String, String> values = new LinkedHashMap<>();
        String baseName = "";
        String baseUnit = null;
        double baseValue = 0;
        List<String> problems = new ArrayList<>();
        for (JsonNode record : pack) {
            // RFC 8428 labels in JSON, and their integer keys in CBOR
            baseName = text(record, "bn", "-2", baseName);
            baseUnit = text(record, "bu", "-4", baseUnit);
            JsonNode bv = field(record, "bv", "-5");
            if (bv != null) {
                baseValue = bv.asDouble();
            }
            String name = baseName + text(record, "n", "0", "");
            String unit = text(record, "u", "1", baseUnit);
            JsonNode v = field(record, "v", "2");
            JsonNode vs = field(record, "vs", "3");
            JsonNode vb = field(record, "vb", "4");
            if (name.isEmpty()) {
                problems.add("a record has no name");
            } else if (v != null && v.isNumber()) {
                String number = bv == null && baseValue == 0 ? v.asText() : Double.toString(baseValue + v.asDouble());
                String hubUnit = unit == null ? null : UNITS.getOrDefault(unit, unit);
                values.put(name, hubUnit == null || hubUnit.isEmpty() ? number : number + " " + hubUnit);
            } else if (vs != null) {
                values.put(name, vs.asText());
            } else if (vb != null && vb.isBoolean()) {
                values.put(name, vb.asBoolean() ? "ON" : "OFF");
            } else if (v != null || vs != null || vb != null) {
                problems.add("record " + name + " has a value of the wrong type");
            }
        }
        if (!problems.isEmpty() && values.isEmpty()) {
            throw new IOException("SenML: " + String.join("; ", problems));
        }
        return values;
    }

    private static JsonNode field(JsonNode record, String label, String key) {
        JsonNode value = record.get(label);
        return value != null ? value : record.get(key);
    }

    private static String text(JsonNode record, String label, String key, String fallback) {
        JsonNode value = field(record, label, key);
        return value == null ? fallback : value.asText();
    }
}
