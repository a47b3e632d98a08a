package org.cityhub.transform;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.types.State;
import org.eclipse.jdt.annotation.Nullable;

/**
 * How one channel reads what a device or system sends: the channel's transform chain (its {@code transform}
 * setting), then the text as the channel's state, or as the event of a trigger channel. Bindings whose things
 * define their own channels build one per channel and report each {@link Reading}. Immutable and thread-safe.
 */
public final class ChannelReader {

    /** What one payload gave a channel. */
    public enum Outcome {
        /** A state for a state channel. */
        STATE,
        /** An event for a trigger channel. */
        EVENT,
        /** The payload does not hold the channel's value (a JSON path that selects nothing). */
        ABSENT,
        /** The payload holds a value the channel cannot take; the reason says why. */
        REFUSED
    }

    /**
     * One reading.
     *
     * @param outcome what the payload gave
     * @param state the state, for {@link Outcome#STATE}
     * @param text the event for {@link Outcome#EVENT}, the reason for {@link Outcome#ABSENT} and
     *        {@link Outcome#REFUSED}
     */
    public record Reading(Outcome outcome, @Nullable State state, @Nullable String text) {
    }

    private final ChannelDefinition channel;
    private final TransformChain chain;

    private ChannelReader(ChannelDefinition channel, TransformChain chain) {
        this.channel = channel;
        this.chain = chain;
    }

    /**
     * The reader of a channel with the chain its settings name ({@code transform}: one step or a list of steps;
     * none reads the whole payload).
     *
     * @throws IllegalArgumentException naming the channel and every malformed step
     */
    public static ChannelReader of(ChannelDefinition channel, Map<String, Object> settings) {
        try {
            return new ChannelReader(channel, TransformChain.parse(steps(settings.get("transform"))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("channel " + channel.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A setting's steps: a list of texts, or one text, or none.
     *
     * @throws IllegalArgumentException if the setting is something else
     */
    public static List<String> steps(@Nullable Object setting) {
        if (setting == null) {
            return List.of();
        }
        if (setting instanceof String step) {
            return List.of(step);
        }
        if (setting instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException("a transform is a step such as \"jsonpath:$.value\" or a list of steps,"
                + " not " + setting);
    }

    /** The channel read. */
    public ChannelDefinition channel() {
        return channel;
    }

    /** Whether the chain starts with a JSON path, so that the payload must be JSON. */
    public boolean readsJson() {
        return !chain.specs().isEmpty()
                && chain.specs().get(0).trim().toLowerCase(Locale.ROOT).startsWith("jsonpath:");
    }

    /** Reads the channel's value from a payload; never throws for a bad payload. */
    public Reading read(String payload) {
        try {
            String text = chain.apply(payload);
            if (channel.kind() == ChannelKind.TRIGGER) {
                return new Reading(Outcome.EVENT, null, text.trim());
            }
            return new Reading(Outcome.STATE, StateText.toState(text, channel.itemType(), channel.unit()), null);
        } catch (TransformationException e) {
            return new Reading(e.valueAbsent() ? Outcome.ABSENT : Outcome.REFUSED, null, e.getMessage());
        }
    }
}
