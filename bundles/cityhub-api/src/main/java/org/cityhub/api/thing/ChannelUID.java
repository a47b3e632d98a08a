package org.cityhub.api.thing;

/**
 * Identifies a channel of a thing: {@code binding:type:id:channel}.
 *
 * @param thingUID the thing the channel belongs to
 * @param channelId the channel's id within the thing type
 */
public record ChannelUID(ThingUID thingUID, String channelId) {

    /** @throws IllegalArgumentException if the channel id is empty or has a character outside {@code [A-Za-z0-9_-]} */
    public ChannelUID {
        if (thingUID == null) {
            throw new IllegalArgumentException("missing thing UID");
        }
        UidSegments.check("channel id", channelId);
    }

    /**
     * Parses {@code binding:type:id:channel}.
     *
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static ChannelUID parse(String text) {
        String[] s = UidSegments.split("channel UID", text, 4, "binding:type:id:channel");
        return new ChannelUID(new ThingUID(new ThingTypeUID(s[0], s[1]), s[2]), s[3]);
    }

    @Override
    public String toString() {
        return thingUID + ":" + channelId;
    }
}
