package org.cityhub.api.persistence;

import org.eclipse.jdt.annotation.Nullable;

/**
 * How the hub's history recording fares.
 *
 * @param store the name of the store the configuration names ({@code sqlite}, {@code postgresql})
 * @param problem why points are not being written now (the store is missing or failing), or {@code null} while
 *        they are
 * @param queued points waiting to be written
 * @param written points written since the hub started
 * @param dropped points lost since the hub started because more were waiting than the configured bound
 * @param missed state events the recorder never received since the hub started (its bus queue overflowed, or
 *        events before a restart could not be replayed)
 * @param info what the store says about itself, or {@code null} while it is not available
 */
public record HistoryStatus(String store, @Nullable String problem, long queued, long written, long dropped,
        long missed, @Nullable StoreInfo info) {
}
