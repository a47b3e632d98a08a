package org.cityhub.api.thing;

/**
 * Identifies a thing: {@code binding:type:id}, e.g. {@code mqtt:airsensor:westlake-01}.
 *
 * @param thingTypeUID the type of the thing
 * @param id the thing's id, unique within its type
 */
public record ThingUID(ThingTypeUID thingTypeUID, String id) {

    /** @throws IllegalArgumentException if the id is empty or has a character outside {@code [A-Za-z0-9_-]} */
    public ThingUID {
        if (thingTypeUID == null) {
            throw new IllegalArgumentException("missing thing type UID");
        }
        UidSegments.check("thing id", id);
    }

    /**
     * Parses {@code binding:type:id}.
     *
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static ThingUID parse(String text) {
        String[] s = UidSegments.split("thing UID", text, 3, "binding:type:id");
        return new ThingUID(new ThingTypeUID(s[0], s[1]), s[2]);
    }

    /** The id of the binding that handles this thing. */
    public String bindingId() {
        return thingTypeUID.bindingId();
    }

    /** The UID of one of this thing's channels. */
    public ChannelUID channel(String channelId) {
        return new ChannelUID(this, channelId);
    }

    @Override
    public String toString() {
        return thingTypeUID + ":" + id;
    }
}
