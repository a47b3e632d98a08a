package org.cityhub.test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thing configurations for tests, written as key-value pairs: integers become decimals, as the hub stores numbers,
 * so that the configuration a test builds is the one the handler sees in the hub.
 *
 * <pre>
 * Map&lt;String, Object&gt; config = ThingConfiguration.of("host", "10.0.0.7", "intervalSeconds", 30,
 *         "channels", List.of(ThingConfiguration.channel("pm25", "number", "transform", "jsonpath:$.pm25")));
 * </pre>
 */
public final class ThingConfiguration {

    private ThingConfiguration() {
    }

    /**
     * A modifiable configuration from pairs of key and value.
     *
     * @throws IllegalArgumentException if a key is missing its value
     */
    public static Map<String, Object> of(Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("pairs of key and value expected; the last key has no value");
        }
        Map<String, Object> configuration = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            configuration.put((String) pairs[i], value instanceof Integer n ? BigDecimal.valueOf(n) : value);
        }
        return configuration;
    }

    /** A channel entry of a thing that defines its own channels, with the binding's settings as pairs. */
    public static Map<String, Object> channel(String id, String itemType, Object... settings) {
        Map<String, Object> channel = of(settings);
        channel.put("id", id);
        channel.put("itemType", itemType);
        return channel;
    }
}
