package org.cityhub.api.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.cityhub.api.thing.ConfigParameter;
import org.cityhub.api.thing.ParameterType;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;

/**
 * Checks a thing's configuration against its type's parameters, reporting every violation at once, each naming
 * the parameter and the rule it broke, and fills in defaults.
 */
public final class ConfigValidator {

    /**
     * The outcome: the configuration with defaults applied, and what is wrong with it.
     *
     * @param configuration the given values plus defaults
     * @param violations each broken rule; empty if the configuration is valid
     */
    public record Result(Map<String, Object> configuration, List<String> violations) {

        /** Whether nothing is wrong. */
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private ConfigValidator() {
    }

    /** Checks a whole definition: its configuration, and that it goes through a bridge its type accepts. */
    public static Result validate(ThingType type, Thing thing) {
        Result result = validate(type, thing.configuration());
        List<String> violations = new ArrayList<>(result.violations());
        bridgeViolation(type, thing).ifPresent(violations::add);
        return new Result(result.configuration(), violations);
    }

    private static Optional<String> bridgeViolation(ThingType type, Thing thing) {
        List<ThingTypeUID> accepted = type.supportedBridgeTypes();
        if (accepted.isEmpty()) {
            return thing.bridgeUID() == null ? Optional.empty()
                    : Optional.of("thing type " + type.uid() + " goes through no bridge: remove bridgeUID");
        }
        if (thing.bridgeUID() == null) {
            return Optional.of("thing type " + type.uid() + " goes through a bridge of type " + accepted
                    + ": set bridgeUID");
        }
        if (!accepted.contains(thing.bridgeUID().thingTypeUID())) {
            return Optional.of("bridge " + thing.bridgeUID() + " is not of a type " + type.uid() + " goes through: "
                    + accepted);
        }
        return Optional.empty();
    }

    /** Checks a configuration against the type's parameters. */
    public static Result validate(ThingType type, Map<String, Object> configuration) {
        List<String> violations = new ArrayList<>();
        configuration.keySet().stream().filter(key -> type.parameter(key).isEmpty()).sorted()
                .forEach(key -> violations.add("parameter '" + key + "' is not known; thing type " + type.uid()
                        + " has " + type.parameters().stream().map(ConfigParameter::name).toList()));
        Map<String, Object> result = new LinkedHashMap<>(configuration);
        for (ConfigParameter parameter : type.parameters()) {
            Object value = configuration.get(parameter.name());
            if (value == null) {
                if (parameter.defaultValue() != null) {
                    result.put(parameter.name(), parameter.defaultValue());
                } else if (parameter.required()) {
                    violations.add("parameter '" + parameter.name() + "' is required");
                }
            } else {
                check(type, parameter, value, violations);
            }
        }
        return new Result(result, violations);
    }

    private static void check(ThingType type, ConfigParameter parameter, Object value, List<String> violations) {
        String name = "parameter '" + parameter.name() + "'";
        switch (parameter.type()) {
            case CHANNELS:
                violations.addAll(ThingChannels.check(type, parameter, value));
                return;
            case BOOLEAN:
                if (!(value instanceof Boolean)) {
                    violations.add(name + " must be true or false, was " + describe(parameter, value));
                }
                return;
            case TEXT:
                if (!(value instanceof String text)) {
                    violations.add(name + " must be a text, was " + describe(parameter, value));
                } else {
                    checkText(parameter, name, text, violations);
                }
                return;
            default:
                checkNumber(parameter, name, value, violations);
        }
    }

    private static void checkNumber(ConfigParameter parameter, String name, Object value, List<String> violations) {
        if (!(value instanceof BigDecimal number)) {
            violations.add(name + " must be a number, was " + describe(parameter, value));
            return;
        }
        if (parameter.type() == ParameterType.INTEGER && number.stripTrailingZeros().scale() > 0) {
            violations.add(name + " must be a whole number, was " + number.toPlainString());
        }
        if (parameter.min() != null && number.compareTo(parameter.min()) < 0) {
            violations.add(name + " = " + number.toPlainString() + " is below its minimum " + parameter.min().toPlainString());
        }
        if (parameter.max() != null && number.compareTo(parameter.max()) > 0) {
            violations.add(name + " = " + number.toPlainString() + " is above its maximum " + parameter.max().toPlainString());
        }
    }

    private static void checkText(ConfigParameter parameter, String name, String text, List<String> violations) {
        String shown = parameter.secret() ? name : name + " = '" + text + "'";
        if (!parameter.options().isEmpty() && !parameter.options().contains(text)) {
            violations.add(shown + " is not one of " + parameter.options());
        }
        if (parameter.pattern() != null) {
            try {
                if (!Pattern.compile(parameter.pattern()).matcher(text).matches()) {
                    violations.add(shown + " does not match the pattern " + parameter.pattern());
                }
            } catch (PatternSyntaxException e) {
                violations.add(name + ": the thing type's pattern is not a valid regular expression");
            }
        }
    }

    /** The value for a message; a secret's value never appears, only what kind of value it is. */
    private static String describe(ConfigParameter parameter, Object value) {
        if (parameter.secret()) {
            return Secrets.isMarker(value) ? "the marker of a set secret" : "a " + value.getClass().getSimpleName()
                    .toLowerCase(Locale.ROOT) + " (not shown: the parameter is secret)";
        }
        return value instanceof String text ? "the text '" + text + "'" : value.toString();
    }
}
