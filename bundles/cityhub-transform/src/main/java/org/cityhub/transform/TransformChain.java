package org.cityhub.transform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cityhub.api.types.NumberValue;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A chain of transformation steps, applied in order to a text. Written as configuration, one step per entry:
 * <ul>
 * <li>{@code jsonpath:$.data.pm25}: the value at a JSON path</li>
 * <li>{@code regex:level=([0-9.]+)}: the first group of the first match (or the whole match)</li>
 * <li>{@code scale:0.1}, {@code offset:-273.15}: arithmetic on a number</li>
 * <li>{@code map:1=ON,0=OFF,_=UNDEF}: a value mapping; {@code _} maps everything else</li>
 * <li>{@code range:0,1000}: refuses a number outside the bounds (either may be left out: {@code range:0,})</li>
 * <li>{@code format:{"level": {value}}}: the value placed into a text, for what goes to a device</li>
 * </ul>
 * An empty chain passes the text through. Chains are immutable and thread-safe.
 */
public final class TransformChain {

    private static final TransformChain IDENTITY = new TransformChain(List.of(), List.of());

    private final List<String> specs;
    private final List<Step> steps;

    private TransformChain(List<String> specs, List<Step> steps) {
        this.specs = specs;
        this.steps = steps;
    }

    /** The chain that passes text through unchanged. */
    public static TransformChain identity() {
        return IDENTITY;
    }

    /**
     * The chain these steps describe.
     *
     * @throws IllegalArgumentException listing every step that is malformed, by position
     */
    public static TransformChain parse(List<String> specs) {
        List<Step> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            try {
                steps.add(step(specs.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add("step " + (i + 1) + " '" + specs.get(i) + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new TransformChain(List.copyOf(specs), List.copyOf(steps));
    }

    /**
     * The text after every step.
     *
     * @throws TransformationException naming the step that refused the value, and why
     */
    public String apply(String input) throws TransformationException {
        String value = input;
        for (int i = 0; i < steps.size(); i++) {
            try {
                value = steps.get(i).apply(value);
            } catch (TransformationException e) {
                throw new TransformationException(specs.get(i) + ": " + e.getMessage(), e.valueAbsent());
            }
        }
        return value;
    }

    /** The steps as configured. */
    public List<String> specs() {
        return specs;
    }

    @Override
    public String toString() {
        return specs.isEmpty() ? "(unchanged)" : String.join(" | ", specs);
    }

    private static Step step(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("expected kind:argument, e.g. jsonpath:$.value or scale:0.1");
        }
        String kind = spec.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String argument = spec.substring(colon + 1);
        switch (kind) {
            case "jsonpath":
                JsonPath path = JsonPath.parse(argument);
                return path::extract;
            case "regex":
                return regex(argument);
            case "scale":
                BigDecimal factor = number(argument);
                return input -> number(input, "scale").multiply(factor).stripTrailingZeros().toPlainString();
            case "offset":
                BigDecimal offset = number(argument);
                return input -> number(input, "offset").add(offset).stripTrailingZeros().toPlainString();
            case "map":
                return mapping(argument);
            case "range":
                return range(argument);
            case "format":
                if (!argument.contains("{value}")) {
                    throw new IllegalArgumentException("a format needs {value} where the value goes");
                }
                return input -> argument.replace("{value}", input);
            default:
                throw new IllegalArgumentException("unknown kind '" + kind + "'; the kinds are jsonpath, regex, scale,"
                        + " offset, map, range and format");
        }
    }

    /**
     * A regular expression run by RE2/J, in time linear in the input whatever the pattern: a device or a thing's
     * configuration can never make a step backtrack for ever. Back-references and look-arounds, which need
     * backtracking, are refused when the chain is read.
     */
    private static Step regex(String argument) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(argument);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a regular expression: " + e.getDescription());
        }
        return input -> {
            Matcher matcher = pattern.matcher(input);
            if (!matcher.find()) {
                throw new TransformationException("no match in '" + abbreviate(input) + "'");
            }
            return matcher.groupCount() > 0 && matcher.group(1) != null ? matcher.group(1) : matcher.group();
        };
    }

    private static Step mapping(String argument) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : argument.split(",")) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("'" + pair + "' is not from=to");
            }
            map.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return input -> {
            String mapped = map.getOrDefault(input.trim(), map.get("_"));
            if (mapped == null) {
                throw new TransformationException("'" + abbreviate(input) + "' is not mapped (mapped: " + map.keySet()
                        + ")");
            }
            return mapped;
        };
    }

    private static Step range(String argument) {
        int comma = argument.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("expected min,max (either may be empty)");
        }
        String low = argument.substring(0, comma).trim();
        String high = argument.substring(comma + 1).trim();
        BigDecimal min = low.isEmpty() ? null : number(low);
        BigDecimal max = high.isEmpty() ? null : number(high);
        return input -> {
            BigDecimal value = number(input, "range");
            if (min != null && value.compareTo(min) < 0 || max != null && value.compareTo(max) > 0) {
                throw new TransformationException(value.toPlainString() + " is out of range [" + low + ", " + high
                        + "]");
            }
            return input.trim();
        };
    }

    private static BigDecimal number(String argument) {
        BigDecimal number;
        try {
            number = new BigDecimal(argument.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + argument + "' is not a number");
        }
        return NumberValue.checkBounds(number);
    }

    private static BigDecimal number(String input, String step) throws TransformationException {
        BigDecimal number;
        try {
            number = new BigDecimal(input.trim());
        } catch (NumberFormatException e) {
            throw new TransformationException("'" + abbreviate(input) + "' is not a number to " + step);
        }
        try {
            // bounded before any arithmetic: 1e999999999 scaled would be written out as a gigabyte of digits
            return NumberValue.checkBounds(number);
        } catch (IllegalArgumentException e) {
            throw new TransformationException(e.getMessage() + " (to " + step + ")");
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
