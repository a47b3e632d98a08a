package org.cityhub.api.sharing;

import java.util.Collections;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;

/**
 * What a grant takes in of its owner's things. A thing is taken in whole when its UID is listed, or when it
 * matches the filters: one of the {@code tags} (if any are given) and one of the {@code thingTypes} (if any are
 * given); both filters together narrow, so that {@code tags: [embankment], thingTypes: [lighting:lamp]} is the
 * embankment's lamps, not every lamp. A listed channel takes in that channel alone.
 *
 * @param things things taken in whole
 * @param channels single channels taken in
 * @param tags things carrying one of these tags (narrowed by {@code thingTypes} if also given)
 * @param thingTypes things of one of these types (narrowed by {@code tags} if also given)
 */
public record Selection(Set<ThingUID> things, Set<ChannelUID> channels, Set<String> tags, Set<ThingTypeUID> thingTypes) {

    /** @throws IllegalArgumentException if it selects nothing at all */
    public Selection {
        things = sorted(things);
        channels = sorted(channels);
        tags = sorted(tags);
        thingTypes = sorted(thingTypes);
        if (things.isEmpty() && channels.isEmpty() && tags.isEmpty() && thingTypes.isEmpty()) {
            throw new IllegalArgumentException("a selection names at least one of things, channels, tags or"
                    + " thingTypes");
        }
    }

    /** Whether the whole thing (every channel) is taken in. */
    public boolean takesWhole(Thing thing) {
        if (things.contains(thing.uid())) {
            return true;
        }
        boolean filtered = !tags.isEmpty() || !thingTypes.isEmpty();
        return filtered && (tags.isEmpty() || thing.tags().stream().anyMatch(tags::contains))
                && (thingTypes.isEmpty() || thingTypes.contains(thing.uid().thingTypeUID()));
    }

    /** Whether the thing, or at least one of its channels, is taken in. */
    public boolean touches(Thing thing) {
        return takesWhole(thing) || channels.stream().anyMatch(channel -> channel.thingUID().equals(thing.uid()));
    }

    /** Whether the thing's channel is taken in. */
    public boolean takesChannel(Thing thing, String channelId) {
        return takesWhole(thing) || channels.stream().anyMatch(channel -> channel.thingUID().equals(thing.uid())
                && channel.channelId().equals(channelId));
    }

    private static <T> Set<T> sorted(Set<T> values) {
        Set<T> copy = new TreeSet<>(Comparator.comparing(Object::toString));
        copy.addAll(values == null ? Set.of() : values);
        return Collections.unmodifiableSet(copy);
    }
}
