package org.cityhub.api.event;

/** What a full subscriber queue gives up. Either way the subscriber is told what it missed. */
public enum OverflowPolicy {
    /** Drop the oldest queued event to make room: a live view that skips ahead (SSE, dashboards). */
    DROP_OLDEST,
    /** Drop the new event: the subscriber keeps a contiguous run of the past (recorders, bridges). */
    DROP_NEWEST
}
