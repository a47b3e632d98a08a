package org.cityhub.binding.http.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.types.State;
import org.cityhub.transform.StateText;
import org.cityhub.transform.TransformChain;
import org.cityhub.transform.TransformationException;

/**
 * How a thing's channels read a document (an HTTP answer, a list element, a pushed body): per channel a transform
 * chain, then the text as the channel's state. Immutable; built once per handler start.
 */
final class ChannelMapping {

    /** One channel's reading. */
    private record Reader(ChannelDefinition channel, TransformChain chain) {
    }

    /** What a document gave: states (and trigger events) by channel, and what was wrong, per channel. */
    record Result(Map<String, State> states, Map<String, String> events, Map<String, String> problems,
            List<String> absent) {
    }

    /** A mapping of no channels. */
    static final ChannelMapping NONE = new ChannelMapping(List.of());

    private final List<Reader> readers;

    private ChannelMapping(List<Reader> readers) {
        this.readers = readers;
    }

    /**
     * The mapping of the type's channels, each with the transform chain in its settings ({@code transform}: one
     * step or a list of steps; none passes the document through).
     *
     * @throws IllegalArgumentException naming every channel whose chain is malformed
     */
    static ChannelMapping of(ThingType type, Function<String, Map<String, Object>> settings) {
        List<Reader> readers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ChannelDefinition channel : type.channels()) {
            try {
                readers.add(new Reader(channel, TransformChain.parse(steps(settings.apply(channel.id()).get("transform")))));
            } catch (IllegalArgumentException e) {
                problems.add("channel " + channel.id() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ChannelMapping(List.copyOf(readers));
    }

    /** A setting's steps: a list of texts, or one text. */
    static List<String> steps(Object setting) {
        if (setting == null) {
            return List.of();
        }
        if (setting instanceof String step) {
            return List.of(step);
        }
        if (setting instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException("transform must be a step such as \"jsonpath:$.value\" or a list of steps,"
                + " not " + setting);
    }

    /** Whether any channel reads JSON, so the document must be JSON. */
    boolean readsJson() {
        return readers.stream().anyMatch(r -> r.chain().specs().stream().findFirst()
                .filter(step -> step.trim().toLowerCase(Locale.ROOT).startsWith("jsonpath:")).isPresent());
    }

    /** The channels' ids. */
    List<String> channelIds() {
        return readers.stream().map(r -> r.channel().id()).toList();
    }

    /** Reads every channel from the document; a channel that cannot be read is a problem, the others carry on. */
    Result read(String document) {
        Map<String, State> states = new LinkedHashMap<>();
        Map<String, String> events = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        List<String> absent = new ArrayList<>();
        for (Reader reader : readers) {
            ChannelDefinition channel = reader.channel();
            try {
                String text = reader.chain().apply(document);
                if (channel.kind() == ChannelKind.TRIGGER) {
                    events.put(channel.id(), text.trim());
                } else {
                    states.put(channel.id(), StateText.toState(text, channel.itemType(), channel.unit()));
                }
            } catch (TransformationException e) {
                if (e.valueAbsent()) {
                    absent.add(channel.id());
                } else {
                    problems.put(channel.id(), e.getMessage());
                }
            }
        }
        return new Result(states, events, problems, absent);
    }
}
