package org.cityhub.api.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityhub.api.thing.ConfigParameter;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingType;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Secret parameters ({@link ConfigParameter#secret()}) outside the thing's own handler: everyone else sees a set
 * secret as {@link #SET} ({@code {"secret": "set"}} in JSON), and may send that marker back unchanged to keep the
 * stored value.
 */
public final class Secrets {

    /** What a set secret shows instead of its value, and what a client sends back to keep it. */
    public static final Map<String, Object> SET = Map.of("secret", "set");

    private Secrets() {
    }

    /** Whether a configuration value is the marker of a set secret. */
    public static boolean isMarker(@Nullable Object value) {
        return SET.equals(value);
    }

    /** Whether the thing type declares any secret parameter. */
    public static boolean any(ThingType type) {
        return type.parameters().stream().anyMatch(ConfigParameter::secret);
    }

    /** The thing as everyone but its handler sees it: every secret it sets replaced by {@link #SET}. */
    public static Thing masked(Thing thing, ThingType type) {
        if (!any(type)) {
            return thing;
        }
        Map<String, Object> configuration = new LinkedHashMap<>(thing.configuration());
        boolean changed = false;
        for (ConfigParameter parameter : type.parameters()) {
            if (parameter.secret() && configuration.containsKey(parameter.name())) {
                configuration.put(parameter.name(), SET);
                changed = true;
            }
        }
        return changed ? thing.withConfiguration(configuration) : thing;
    }

    /**
     * What keeps a submitted configuration's markers from being resolved: each marker for which nothing is stored,
     * or that a parameter that is not secret carries.
     *
     * @param stored the configuration the thing has now, or an empty map for a new thing
     * @return one sentence per problem, empty if {@link #unmasked} may be called
     */
    public static List<String> problems(Map<String, Object> submitted, Map<String, Object> stored, ThingType type) {
        List<String> problems = new ArrayList<>();
        submitted.forEach((name, value) -> {
            if (!isMarker(value)) {
                return;
            }
            Object kept = stored.get(name);
            if (!type.parameter(name).map(ConfigParameter::secret).orElse(false)) {
                problems.add("parameter '" + name + "' is not secret; give its value");
            } else if (kept == null || isMarker(kept)) {
                problems.add("parameter '" + name + "' is a secret that is not set; give its value");
            }
        });
        return problems;
    }

    /**
     * A submitted configuration with every {@link #SET} marker replaced by the value stored for that secret.
     *
     * @param stored the configuration the thing has now, or an empty map for a new thing
     * @throws IllegalArgumentException if there are {@link #problems}, naming each
     */
    public static Map<String, Object> unmasked(Map<String, Object> submitted, Map<String, Object> stored,
            ThingType type) {
        List<String> problems = problems(submitted, stored, type);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Map<String, Object> configuration = new LinkedHashMap<>(submitted);
        submitted.forEach((name, value) -> {
            if (isMarker(value)) {
                configuration.put(name, stored.get(name));
            }
        });
        return configuration;
    }
}
