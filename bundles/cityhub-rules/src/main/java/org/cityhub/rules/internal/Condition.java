package org.cityhub.rules.internal;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingUID;

import com.fasterxml.jackson.databind.JsonNode;

/** What must hold when a rule starts. */
sealed interface Condition {

    /** Where in the rule's document it is. */
    String pointer();

    /** The things it reads. */
    default Set<ThingUID> things() {
        return Set.of();
    }

    /** A channel's current state compared with a value (read by the channel's item type). */
    record StateIs(String pointer, ChannelUID channel, Comparison comparison, JsonNode value) implements Condition {
        @Override
        public Set<ThingUID> things() {
            return Set.of(channel.thingUID());
        }
    }

    /** The time of day lies in {@code [after, before)}; a window may span midnight ({@code 22:00} to {@code 06:00}). */
    record TimeWindow(String pointer, LocalTime after, LocalTime before) implements Condition {

        boolean contains(LocalTime time) {
            return after.isBefore(before) ? !time.isBefore(after) && time.isBefore(before)
                    : !time.isBefore(after) || time.isBefore(before);
        }
    }

    /** The day of the week is one of these. */
    record Days(String pointer, Set<DayOfWeek> days) implements Condition {
    }
}
