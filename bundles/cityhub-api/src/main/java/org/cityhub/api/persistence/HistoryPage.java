package org.cityhub.api.persistence;

import java.time.Instant;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Raw points of one channel, in time order, and where the next page starts.
 *
 * @param points at most the number asked for
 * @param next the time of the last point returned if more points follow in the range, to pass as {@code after}
 *        for the next page; {@code null} on the last page
 */
public record HistoryPage(List<HistoricState> points, @Nullable Instant next) {

    public HistoryPage {
        points = List.copyOf(points);
    }
}
