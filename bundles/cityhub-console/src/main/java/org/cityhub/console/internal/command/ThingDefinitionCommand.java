package org.cityhub.console.internal.command;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.cityhub.api.i18n.Labels;
import org.cityhub.api.thing.ConfigParameter;
import org.cityhub.api.thing.Location;
import org.cityhub.api.thing.ManagedThings;
import org.cityhub.api.thing.ParameterType;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingTypeRegistry;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.json.ThingJson;

/**
 * What {@code thing-add} and {@code thing-update} share: the options that set a definition's fields, and
 * configuration values read by their parameter's type.
 */
abstract class ThingDefinitionCommand extends AuditedAction {

    @Option(name = "--label", aliases = "-l", description = "A name for people")
    String label;

    @Option(name = "--department", aliases = "-d", description = "The owning department ([a-z0-9-]+)")
    @Completion(DepartmentCompleter.class)
    String department;

    @Option(name = "--household", description = "The owning household, for a device in a home ([a-z0-9-]+);"
            + " a thing has a department or a household")
    String household;

    @Option(name = "--label-in", multiValued = true, description = "A label in another language, tag=label"
            + " (e.g. zh-CN=烟雾报警器); repeat for several")
    List<String> labelsIn;

    @Option(name = "--location", description = "Where the thing stands: lat,lon in degrees")
    String location;

    @Option(name = "--bridge", aliases = "-b", description = "The UID of the bridge the thing goes through")
    @Completion(ThingUidCompleter.class)
    String bridge;

    @Option(name = "--shared-with", multiValued = true, description = "For a bridge: a department whose things may"
            + " go through it besides its own; repeat for several")
    @Completion(DepartmentCompleter.class)
    List<String> sharedWith;

    @Option(name = "--tag", aliases = "-t", multiValued = true, description = "A tag; repeat for several")
    List<String> tags;

    @Option(name = "--config", aliases = "-c", multiValued = true,
            description = "A configuration value, name=value, read by the parameter's type; repeat for several")
    List<String> config;

    @Reference
    ManagedThings managed;

    @Reference
    ThingTypeRegistry types;

    /** The definition: the base's fields, overridden by every option given. */
    Thing definition(ThingUID uid, Thing base) {
        Map<String, Object> configuration = new LinkedHashMap<>(base.configuration());
        if (config != null) {
            config.forEach(entry -> put(uid, entry, configuration));
        }
        Set<String> allTags = tags == null ? base.tags() : new LinkedHashSet<>(tags);
        return new Thing(uid, label == null ? base.label() : label,
                bridge == null ? base.bridgeUID() : ThingUID.parse(bridge),
                department == null ? base.department() : department,
                location == null ? base.location() : location(location), allTags, base.properties(), configuration,
                sharedWith == null ? base.sharedWith() : Set.copyOf(sharedWith),
                household == null ? base.household() : household, labels(base));
    }

    private Labels labels(Thing base) {
        if (labelsIn == null) {
            return base.labels();
        }
        Map<String, String> labels = new LinkedHashMap<>(base.labels().byLanguage());
        for (String entry : labelsIn) {
            int equals = entry.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("--label-in '" + entry + "' must be tag=label, e.g. zh-CN=烟雾报警器");
            }
            labels.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return new Labels(labels);
    }

    private void put(ThingUID uid, String entry, Map<String, Object> configuration) {
        int equals = entry.indexOf('=');
        if (equals < 1) {
            throw new IllegalArgumentException("--config '" + entry + "' must be name=value");
        }
        String name = entry.substring(0, equals);
        String text = entry.substring(equals + 1);
        Optional<ParameterType> type = types.get(uid.thingTypeUID()).flatMap(t -> t.parameter(name))
                .map(ConfigParameter::type);
        configuration.put(name, type.map(t -> typed(name, text, t)).orElseGet(() -> guessed(text)));
    }

    private static Object typed(String name, String text, ParameterType type) {
        switch (type) {
            case BOOLEAN:
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("--config " + name + " takes true or false, not '" + text + "'");
                }
                return Boolean.valueOf(text);
            case TEXT:
                return text;
            case CHANNELS:
                return ThingJson.parseConfigurationValue(name, text);
            default:
                try {
                    return new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--config " + name + " takes a number, not '" + text + "'");
                }
        }
    }

    /** For a type that is not installed: true/false, a number, or else a text. */
    private static Object guessed(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Location location(String text) {
        String[] parts = text.split(",");
        try {
            return new Location(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--location '" + text + "' must be lat,lon, e.g. 52.52,13.40");
        }
    }

    /** A refused change as one message, with every violation. */
    static IllegalArgumentException refused(ThingChangeException e) {
        return new IllegalArgumentException(e.violations().isEmpty() ? e.getMessage()
                : e.getMessage() + ": " + String.join("; ", e.violations()));
    }
}
