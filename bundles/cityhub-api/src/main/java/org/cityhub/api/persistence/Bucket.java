package org.cityhub.api.persistence;

import java.time.Instant;

import org.cityhub.api.types.State;

/**
 * One interval's aggregate.
 *
 * @param start when the interval starts (it ends where the next one starts)
 * @param value the aggregate: a number (with the channel's unit where it has one) for the numeric aggregates and
 *        {@link Aggregate#COUNT count}, the state itself for {@link Aggregate#FIRST first} and
 *        {@link Aggregate#LAST last}
 * @param count how many points the interval holds
 */
public record Bucket(Instant start, State value, long count) {

    public Bucket {
        if (start == null || value == null || count < 0) {
            throw new IllegalArgumentException("a bucket needs a start, a value and a count of at least 0");
        }
    }
}
