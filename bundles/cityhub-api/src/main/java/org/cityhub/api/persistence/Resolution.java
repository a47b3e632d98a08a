package org.cityhub.api.persistence;

/**
 * How finely a store keeps a channel's past: every point for the recent past, then per-hour and per-day summaries
 * (count, sum, min, max, time-weighted sum, first and last state), from which every {@link Aggregate} of an
 * interval of whole hours or days can still be answered after the points are gone.
 */
public enum Resolution {
    /** Every recorded point. */
    RAW,
    /** One summary per channel and hour. */
    HOURLY,
    /** One summary per channel and day of the hub's time zone. */
    DAILY
}
