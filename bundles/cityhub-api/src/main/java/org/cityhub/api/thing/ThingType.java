package org.cityhub.api.thing;

import java.util.List;
import java.util.Optional;

/**
 * A kind of thing a binding handles, as its descriptor declares it.
 *
 * @param uid the type's UID
 * @param label a name for people
 * @param description what the type is, for people
 * @param bridge {@code true} if other things go through things of this type
 * @param channels the channels every thing of this type has
 */
public record ThingType(ThingTypeUID uid, String label, String description, boolean bridge,
        List<ChannelDefinition> channels) {

    public ThingType {
        if (uid == null) {
            throw new IllegalArgumentException("missing thing type UID");
        }
        label = label == null || label.isBlank() ? uid.toString() : label;
        description = description == null ? "" : description;
        channels = channels == null ? List.of() : List.copyOf(channels);
        long distinct = channels.stream().map(ChannelDefinition::id).distinct().count();
        if (distinct != channels.size()) {
            throw new IllegalArgumentException("thing type " + uid + ": channel ids must be unique");
        }
    }

    /** The channel with the given id. */
    public Optional<ChannelDefinition> channel(String channelId) {
        return channels.stream().filter(c -> c.id().equals(channelId)).findFirst();
    }
}
