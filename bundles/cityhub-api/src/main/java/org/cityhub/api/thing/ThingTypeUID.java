package org.cityhub.api.thing;

/**
 * Identifies a thing type: {@code binding:type}, e.g. {@code mqtt:airsensor}.
 *
 * @param bindingId the binding that declares the type
 * @param id the type's id within its binding
 */
public record ThingTypeUID(String bindingId, String id) {

    /** @throws IllegalArgumentException if a segment is empty or has a character outside {@code [A-Za-z0-9_-]} */
    public ThingTypeUID {
        UidSegments.check("binding id", bindingId);
        UidSegments.check("thing type id", id);
    }

    /**
     * Parses {@code binding:type}.
     *
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static ThingTypeUID parse(String text) {
        String[] s = UidSegments.split("thing type UID", text, 2, "binding:type");
        return new ThingTypeUID(s[0], s[1]);
    }

    @Override
    public String toString() {
        return bindingId + ":" + id;
    }
}
