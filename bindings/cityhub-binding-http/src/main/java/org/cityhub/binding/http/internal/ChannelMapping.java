package org.cityhub.binding.http.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.types.State;
import org.cityhub.transform.ChannelReader;

/**
 * How a thing's channels read one document (an HTTP answer, a list element, a pushed body): every channel's
 * {@link ChannelReader} applied to the same document. Immutable; built once per handler start.
 */
final class ChannelMapping {

    /** What a document gave: states (and trigger events) by channel, and what was wrong, per channel. */
    record Result(Map<String, State> states, Map<String, String> events, Map<String, String> problems,
            List<String> absent) {
    }

    /** A mapping of no channels. */
    static final ChannelMapping NONE = new ChannelMapping(List.of());

    private final List<ChannelReader> readers;

    private ChannelMapping(List<ChannelReader> readers) {
        this.readers = readers;
    }

    /**
     * The mapping of the type's channels, each with the transform chain in its settings.
     *
     * @throws IllegalArgumentException naming every channel whose chain is malformed
     */
    static ChannelMapping of(ThingType type, Function<String, Map<String, Object>> settings) {
        List<ChannelReader> readers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ChannelDefinition channel : type.channels()) {
            try {
                readers.add(ChannelReader.of(channel, settings.apply(channel.id())));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ChannelMapping(List.copyOf(readers));
    }

    /** Whether any channel reads JSON, so the document must be JSON. */
    boolean readsJson() {
        return readers.stream().anyMatch(ChannelReader::readsJson);
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
        for (ChannelReader reader : readers) {
            String id = reader.channel().id();
            ChannelReader.Reading reading = reader.read(document);
            switch (reading.outcome()) {
                case STATE -> states.put(id, reading.state());
                case EVENT -> events.put(id, reading.text());
                case ABSENT -> absent.add(id);
                default -> problems.put(id, reading.text());
            }
        }
        return new Result(states, events, problems, absent);
    }
}
