package org.cityhub.rules.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Set;

import org.cityhub.api.event.TopicFilter;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.JsonNode;

/** What starts a rule. Each knows the JSON pointer it was read from, so that a problem names it. */
sealed interface Trigger {

    /** Where in the rule's document it is, e.g. {@code /triggers/0}. */
    String pointer();

    /** The things it watches. */
    default Set<ThingUID> things() {
        return Set.of();
    }

    /** A channel's state changes (to a given state, if {@code to} is set; read by the channel's item type). */
    record Changed(String pointer, ChannelUID channel, @Nullable JsonNode to) implements Trigger {
        @Override
        public Set<ThingUID> things() {
            return Set.of(channel.thingUID());
        }
    }

    /**
     * A number channel crosses a limit ({@code above} or below it) and stays past it for {@code holdFor}; it fires
     * once, and again only after the value came back by the {@code hysteresis}.
     */
    record Threshold(String pointer, ChannelUID channel, boolean above, BigDecimal limit, BigDecimal hysteresis,
            Duration holdFor) implements Trigger {
        @Override
        public Set<ThingUID> things() {
            return Set.of(channel.thingUID());
        }

        /** Whether the value is past the limit. */
        boolean beyond(BigDecimal value) {
            return above ? value.compareTo(limit) > 0 : value.compareTo(limit) < 0;
        }

        /** Whether the value came back far enough to arm the trigger again. */
        boolean back(BigDecimal value) {
            return above ? value.compareTo(limit.subtract(hysteresis)) <= 0
                    : value.compareTo(limit.add(hysteresis)) >= 0;
        }
    }

    /** A thing's status changes (to a given status, if {@code to} is set). */
    record Status(String pointer, ThingUID thing, @Nullable ThingStatus to) implements Trigger {
        @Override
        public Set<ThingUID> things() {
            return Set.of(thing);
        }
    }

    /** A trigger channel fires (a given event, if {@code event} is set). */
    record ChannelEvent(String pointer, ChannelUID channel, @Nullable String event) implements Trigger {
        @Override
        public Set<ThingUID> things() {
            return Set.of(channel.thingUID());
        }
    }

    /** A cron schedule ({@code cron}) or a fixed period ({@code every}), in the city's time zone. */
    record Schedule(String pointer, @Nullable Cron cron, @Nullable Duration every) implements Trigger {
    }

    /** A time of day, every day, in the city's time zone. */
    record TimeOfDay(String pointer, LocalTime at) implements Trigger {
    }

    /** A city event addressed to the rule's department, matching a topic filter. */
    record CityEvent(String pointer, TopicFilter topics) implements Trigger {
    }
}
