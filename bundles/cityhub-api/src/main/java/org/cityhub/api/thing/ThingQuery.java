package org.cityhub.api.thing;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Which things to list; every criterion that is set must hold.
 *
 * @param department the owning department
 * @param bindingId the binding, the first segment of the UID
 * @param thingTypeUID the thing type
 * @param status the current status
 * @param tag a tag the thing carries
 * @param boundingBox an area the thing's location lies in; things without location never do
 */
public record ThingQuery(@Nullable String department, @Nullable String bindingId, @Nullable ThingTypeUID thingTypeUID,
        @Nullable ThingStatus status, @Nullable String tag, @Nullable BoundingBox boundingBox) {

    /** Every thing. */
    public static final ThingQuery ALL = new ThingQuery(null, null, null, null, null, null);

    /** Whether the thing, with its current status, meets every criterion. */
    public boolean matches(Thing thing, ThingStatus current) {
        return (department == null || department.equals(thing.department()))
                && (bindingId == null || bindingId.equals(thing.uid().bindingId()))
                && (thingTypeUID == null || thingTypeUID.equals(thing.thingTypeUID()))
                && (status == null || status == current)
                && (tag == null || thing.tags().contains(tag))
                && (boundingBox == null || thing.location() != null && boundingBox.contains(thing.location()));
    }
}
