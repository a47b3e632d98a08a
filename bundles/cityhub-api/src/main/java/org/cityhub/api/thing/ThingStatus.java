package org.cityhub.api.thing;

/** Where a thing is in its life. */
public enum ThingStatus {
    /** The hub knows the thing but has no running handler for it. */
    UNINITIALIZED,
    /** Its handler is being set up. */
    INITIALIZING,
    /** Its handler runs but does not know yet whether the device is reachable. */
    UNKNOWN,
    /** The device is reachable and reporting. */
    ONLINE,
    /** The device is not reachable; the detail says why. */
    OFFLINE,
    /** The thing is being removed. */
    REMOVING,
    /** The thing has been removed. */
    REMOVED
}
