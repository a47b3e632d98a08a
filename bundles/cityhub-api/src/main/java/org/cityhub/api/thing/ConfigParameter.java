package org.cityhub.api.thing;

import java.math.BigDecimal;
import java.util.List;

import org.cityhub.api.i18n.Labels;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A configuration parameter as a thing type declares it.
 *
 * @param name the key in the thing's configuration
 * @param type its type
 * @param label a name for people
 * @param description what it means, for people
 * @param required whether a thing must set it (a parameter with a default never has to)
 * @param defaultValue what it is when a thing does not set it, or {@code null}
 * @param min the smallest number allowed, or {@code null}
 * @param max the largest number allowed, or {@code null}
 * @param pattern a regular expression a text must match whole, or {@code null}
 * @param options the only values allowed, or empty for any
 * @param secret whether it holds a credential (a password, an API key, a pre-shared or private key): write-only
 *        outside the thing's handler, shown as set or not set, never in events, logs or statuses
 * @param labels the parameter's name in other languages besides {@code label}
 */
public record ConfigParameter(String name, ParameterType type, String label, String description, boolean required,
        @Nullable Object defaultValue, @Nullable BigDecimal min, @Nullable BigDecimal max, @Nullable String pattern,
        List<String> options, boolean secret, Labels labels) {

    /** A parameter named in the default language only. */
    public ConfigParameter(String name, ParameterType type, String label, String description, boolean required,
            @Nullable Object defaultValue, @Nullable BigDecimal min, @Nullable BigDecimal max, @Nullable String pattern,
            List<String> options, boolean secret) {
        this(name, type, label, description, required, defaultValue, min, max, pattern, options, secret, Labels.NONE);
    }

    /** A parameter that is not secret. */
    public ConfigParameter(String name, ParameterType type, String label, String description, boolean required,
            @Nullable Object defaultValue, @Nullable BigDecimal min, @Nullable BigDecimal max, @Nullable String pattern,
            List<String> options) {
        this(name, type, label, description, required, defaultValue, min, max, pattern, options, false, Labels.NONE);
    }

    public ConfigParameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a configuration parameter needs a name");
        }
        if (type == null) {
            throw new IllegalArgumentException("configuration parameter '" + name + "' needs a type");
        }
        label = label == null || label.isBlank() ? name : label;
        description = description == null ? "" : description;
        options = options == null ? List.of() : List.copyOf(options);
        labels = labels == null ? Labels.NONE : labels;
    }
}
