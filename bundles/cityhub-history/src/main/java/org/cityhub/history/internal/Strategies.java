package org.cityhub.history.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.cityhub.api.config.DurationText;
import org.cityhub.api.persistence.Resolution;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The recording strategies of {@code etc/org.cityhub.history.cfg}: {@code record} for every channel no strategy
 * selects, and named strategies that select channels and say how to record them:
 *
 * <pre>
 * record = change
 * strategy.gauges.select = thingType:sim:gauge, department:water
 * strategy.gauges.record = every 60s
 * </pre>
 *
 * A channel follows the strategy with its most specific matching selector (channel, then thing, thing type, tag,
 * department); between equally specific ones, the first by name.
 *
 * Each strategy may say how long each resolution is kept ({@code keepRaw}, {@code keepHourly}, {@code keepDaily}:
 * a duration or {@code forever}); what it does not say comes from the top-level settings of the same names.
 *
 * @param fallback how channels no strategy selects are recorded
 * @param retention how long channels no strategy selects are kept, and what a strategy does not say
 * @param strategies the named strategies, by name
 */
record Strategies(Recording fallback, Retention retention, List<Strategy> strategies) {

    /** The strategy of channels no named one selects. */
    static final String DEFAULT_NAME = "default";
    private static final String PREFIX = "strategy.";

    /** A named strategy. */
    record Strategy(String name, List<Selector> selectors, Recording recording, Retention retention) {
    }

    /**
     * How long each resolution is kept; {@code null} for forever.
     *
     * @param raw every point
     * @param hourly hourly summaries
     * @param daily daily summaries
     */
    record Retention(@Nullable Duration raw, @Nullable Duration hourly, @Nullable Duration daily) {

        /** Points for 30 days, hourly summaries for two years, daily ones for ever. */
        static final Retention DEFAULT = new Retention(Duration.ofDays(30), Duration.ofDays(730), null);
        static final List<String> KEYS = List.of("keepRaw", "keepHourly", "keepDaily");

        /** This retention with what the properties say instead. */
        Retention with(String prefix, Map<String, ?> properties) {
            return new Retention(keep(prefix, "keepRaw", properties, raw), keep(prefix, "keepHourly", properties, hourly),
                    keep(prefix, "keepDaily", properties, daily));
        }

        private static @Nullable Duration keep(String prefix, String key, Map<String, ?> properties,
                @Nullable Duration fallback) {
            Object value = properties.get(key);
            if (value == null) {
                return fallback;
            }
            return "forever".equalsIgnoreCase(value.toString().trim()) ? null
                    : parse(prefix + key, value, DurationText::parse);
        }

        @Nullable
        Duration of(Resolution resolution) {
            return switch (resolution) {
                case RAW -> raw;
                case HOURLY -> hourly;
                case DAILY -> daily;
            };
        }

        @Override
        public String toString() {
            return "points " + text(raw) + ", hourly " + text(hourly) + ", daily " + text(daily);
        }

        private static String text(@Nullable Duration duration) {
            return duration == null ? "forever" : Intervals.text(duration);
        }
    }

    /** What a selector looks at, most specific first. */
    enum Target {
        CHANNEL("channel"), THING("thing"), THING_TYPE("thingType"), TAG("tag"), DEPARTMENT("department");

        final String key;

        Target(String key) {
            this.key = key;
        }
    }

    /** One {@code target:value} of a strategy's selection. */
    record Selector(Target target, String value) {

        static Selector parse(String text) {
            int colon = text.indexOf(':');
            String key = colon < 0 ? "" : text.substring(0, colon).trim();
            String value = colon < 0 ? "" : text.substring(colon + 1).trim();
            for (Target target : Target.values()) {
                if (target.key.equals(key) && !value.isEmpty()) {
                    validate(target, value);
                    return new Selector(target, value);
                }
            }
            throw new IllegalArgumentException("'" + text.trim() + "' is no selector: write channel:<channel UID>,"
                    + " thing:<thing UID>, thingType:<thing type UID>, tag:<tag> or department:<department>");
        }

        private static void validate(Target target, String value) {
            switch (target) {
                case CHANNEL -> ChannelUID.parse(value);
                case THING -> ThingUID.parse(value);
                default -> {
                    // tags, departments and thing types are compared as written
                }
            }
        }

        boolean matches(ChannelUID channel, @Nullable String department, Function<ThingUID, Optional<Thing>> things) {
            return switch (target) {
                case CHANNEL -> channel.toString().equals(value);
                case THING -> channel.thingUID().toString().equals(value);
                case THING_TYPE -> channel.thingUID().thingTypeUID().toString().equals(value);
                case TAG -> things.apply(channel.thingUID()).map(Thing::tags).orElse(Set.of()).contains(value);
                case DEPARTMENT -> value.equals(department);
            };
        }

        @Override
        public String toString() {
            return target.key + ":" + value;
        }
    }

    static final Strategies DEFAULT = new Strategies(Recording.CHANGE, Retention.DEFAULT, List.of());

    /**
     * Reads the strategies from the configuration's properties; other properties are left alone.
     *
     * @throws IllegalArgumentException naming the property that is wrong and why
     */
    static Strategies parse(Map<String, ?> config) {
        Recording fallback = config.containsKey("record") ? parse("record", config.get("record"), Recording::parse)
                : Recording.CHANGE;
        Retention retention = Retention.DEFAULT.with("", config);
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        for (Map.Entry<String, ?> entry : config.entrySet()) {
            if (entry.getKey().startsWith(PREFIX)) {
                String rest = entry.getKey().substring(PREFIX.length());
                int dot = rest.lastIndexOf('.');
                if (dot <= 0) {
                    throw new IllegalArgumentException(entry.getKey() + ": write strategy.<name>.select or"
                            + " strategy.<name>.record");
                }
                byName.computeIfAbsent(rest.substring(0, dot), n -> new TreeMap<>())
                        .put(rest.substring(dot + 1), entry.getValue());
            }
        }
        List<Strategy> strategies = new ArrayList<>();
        byName.forEach((name, properties) -> strategies.add(strategy(name, properties, retention)));
        return new Strategies(fallback, retention, List.copyOf(strategies));
    }

    /**
     * Checks a strategy's name.
     *
     * @throws IllegalArgumentException saying what a name may be
     */
    static void checkName(String name) {
        if (!name.matches("[a-z0-9-]{1,64}") || name.equals(DEFAULT_NAME)) {
            throw new IllegalArgumentException(PREFIX + (name.length() > 64 ? name.substring(0, 64) + "…" : name)
                    + ": a strategy's name is 1 to 64 lower-case letters, digits and '-', and not '" + DEFAULT_NAME
                    + "'");
        }
    }

    private static Strategy strategy(String name, Map<String, Object> properties, Retention inherited) {
        String key = PREFIX + name;
        checkName(name);
        Set<String> unknown = new TreeSet<>(properties.keySet());
        unknown.removeAll(Set.of("select", "record"));
        unknown.removeAll(Retention.KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(key + "." + unknown.iterator().next() + ": a strategy has select,"
                    + " record, keepRaw, keepHourly and keepDaily");
        }
        if (!properties.containsKey("select") || !properties.containsKey("record")) {
            throw new IllegalArgumentException(key + ": a strategy needs both " + key + ".select and " + key + ".record");
        }
        List<Selector> selectors = parse(key + ".select", properties.get("select"), text -> {
            List<Selector> parsed = new ArrayList<>();
            for (String part : text.split(",")) {
                parsed.add(Selector.parse(part));
            }
            return List.copyOf(parsed);
        });
        return new Strategy(name, selectors, parse(key + ".record", properties.get("record"), Recording::parse),
                inherited.with(key + ".", properties));
    }

    static <T> T parse(String key, Object value, Function<String, T> parser) {
        try {
            return parser.apply(value.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** The name and recording that apply to a channel. */
    Strategy of(ChannelUID channel, @Nullable String department, Function<ThingUID, Optional<Thing>> things) {
        Strategy best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Strategy strategy : strategies) {
            for (Selector selector : strategy.selectors()) {
                int rank = selector.target().ordinal();
                if (rank < bestRank && selector.matches(channel, department, things)) {
                    best = strategy;
                    bestRank = rank;
                }
            }
        }
        return best != null ? best : new Strategy(DEFAULT_NAME, List.of(), fallback, retention);
    }

    /** Whether any strategy selects by tag, which needs the thing's definition. */
    boolean needsThings() {
        return strategies.stream().flatMap(s -> s.selectors().stream()).anyMatch(s -> s.target() == Target.TAG);
    }

    /** The named strategies by name, then the default. */
    List<Strategy> described() {
        List<Strategy> all = new ArrayList<>(strategies);
        all.add(new Strategy(DEFAULT_NAME, List.of(), fallback, retention));
        return all;
    }
}
