package org.cityhub.api.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Reads a thing's configuration into a typed record, one component per parameter: the component's name is the
 * parameter's (or the one {@link Parameter} gives). The hub has already checked the configuration against the
 * thing type's descriptor and applied its defaults; the reader converts each value to its component's type and
 * says which parameter is wrong when it cannot. A record's compact constructor may check more (one parameter
 * against another) by throwing {@link IllegalArgumentException} naming the parameter.
 *
 * <p>Component types: {@code String}, {@code boolean}, {@code int}, {@code long}, {@code double} (and their boxes),
 * {@code BigDecimal}, {@code Duration} (from a number of seconds, fractions allowed), {@code URI}, enums (by name,
 * any case), {@code List} and {@code Map} (as the configuration holds them), and {@code Optional} of any of these
 * for a parameter that may be absent (a blank text counts as absent). Any other component type is a mistake of the binding's and is reported as
 * such.
 */
public final class ConfigReader {

    private ConfigReader() {
    }

    /**
     * The configuration as a record of the given type.
     *
     * @param <R> the record type
     * @param configuration the thing's configuration
     * @param type the record class, whose canonical constructor is accessible to this bundle (public, or opened)
     * @return the record
     * @throws IllegalArgumentException naming every parameter that is missing or of the wrong type, or the
     *         problem the record's constructor found
     */
    public static <R extends Record> R read(Map<String, Object> configuration, Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            String name = parameterName(component);
            try {
                values[i] = value(name, configuration.get(name), component.getType(), component.getGenericType());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return construct(type, types, values);
    }

    private static String parameterName(RecordComponent component) {
        Parameter parameter = component.getAnnotation(Parameter.class);
        return parameter == null ? component.getName() : parameter.value();
    }

    private static @Nullable Object value(String name, @Nullable Object raw, Class<?> type, Type generic) {
        if (type == Optional.class) {
            Type element = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            Class<?> elementType = element instanceof Class<?> c ? c : element instanceof ParameterizedType p
                    ? (Class<?>) p.getRawType() : Object.class;
            boolean absent = raw == null || raw instanceof String text && text.isBlank();
            return absent ? Optional.empty() : Optional.of(convert(name, raw, elementType));
        }
        if (raw == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is required");
        }
        return convert(name, raw, type);
    }

    private static Object convert(String name, Object raw, Class<?> type) {
        if (type == String.class) {
            return raw.toString();
        }
        if (type == boolean.class || type == Boolean.class) {
            if (raw instanceof Boolean flag) {
                return flag;
            }
            throw wrong(name, "true or false", raw);
        }
        if (type.isEnum()) {
            return enumValue(name, raw.toString(), type);
        }
        if (type == URI.class) {
            return uri(name, raw.toString());
        }
        if (type == List.class || type == Map.class) {
            if (type.isInstance(raw)) {
                return raw;
            }
            throw wrong(name, type == List.class ? "a list" : "an object", raw);
        }
        return number(name, raw, type);
    }

    private static Object number(String name, Object raw, Class<?> type) {
        BigDecimal number = decimal(name, raw);
        if (type == BigDecimal.class) {
            return number;
        }
        if (type == double.class || type == Double.class) {
            return number.doubleValue();
        }
        if (type == Duration.class) {
            return Duration.ofMillis(number.movePointRight(3).longValue());
        }
        try {
            if (type == int.class || type == Integer.class) {
                return number.intValueExact();
            }
            if (type == long.class || type == Long.class) {
                return number.longValueExact();
            }
        } catch (ArithmeticException e) {
            throw wrong(name, "a whole number in range", raw);
        }
        throw new IllegalArgumentException("parameter '" + name + "': the binding reads it as " + type.getName()
                + ", which the configuration reader does not support");
    }

    private static BigDecimal decimal(String name, Object raw) {
        if (raw instanceof BigDecimal number) {
            return number;
        }
        if (raw instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        throw wrong(name, "a number", raw);
    }

    private static Object enumValue(String name, String text, Class<?> type) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            names.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("parameter '" + name + "' = '" + text + "' is not one of " + names);
    }

    private static URI uri(String name, String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("parameter '" + name + "' is not a URI: " + e.getMessage());
        }
    }

    private static IllegalArgumentException wrong(String name, String expected, Object raw) {
        String shown = raw instanceof String text ? "'" + text + "'" : String.valueOf(raw);
        return new IllegalArgumentException("parameter '" + name + "' must be " + expected + ", was " + shown);
    }

    private static <R extends Record> R construct(Class<R> type, Class<?>[] types, Object[] values) {
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException problem) {
                throw problem;
            }
            throw new IllegalStateException("configuration record " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("configuration record " + type.getName() + " cannot be built by the"
                    + " configuration reader: " + e, e);
        }
    }
}
