package org.cityhub.api.thing;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A thing's status with its reason.
 *
 * @param status the status
 * @param detail why the thing has it
 * @param message a sentence for people, or {@code null}
 */
public record ThingStatusInfo(ThingStatus status, ThingStatusDetail detail, @Nullable String message) {

    public ThingStatusInfo {
        if (status == null || detail == null) {
            throw new IllegalArgumentException("a thing status needs a status and a detail");
        }
    }

    /** A status without detail or message. */
    public static ThingStatusInfo of(ThingStatus status) {
        return new ThingStatusInfo(status, ThingStatusDetail.NONE, null);
    }

    /** A status with its detail and message. */
    public static ThingStatusInfo of(ThingStatus status, ThingStatusDetail detail, @Nullable String message) {
        return new ThingStatusInfo(status, detail, message);
    }
}
