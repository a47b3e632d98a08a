package org.cityhub.rest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.cityhub.api.sharing.ReadWindow;

/** The parts of a query's range that lie inside the spans a caller may read, bounded and in order, overlaps merged. */
final class HistorySpans {

    private HistorySpans() {
    }

    /**
     * The range {@code [from, to)} cut to the windows: each result has both ends set and is non-empty.
     *
     * @param windows the readable windows, in order of start (as {@code Audience.readWindows} gives them)
     */
    static List<ReadWindow> within(List<ReadWindow> windows, Instant from, Instant to) {
        List<ReadWindow> spans = new ArrayList<>();
        for (ReadWindow window : windows) {
            Instant start = window.from() == null || window.from().isBefore(from) ? from : window.from();
            Instant end = window.to() == null || window.to().isAfter(to) ? to : window.to();
            if (!start.isBefore(end)) {
                continue;
            }
            ReadWindow last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && !start.isAfter(last.to())) {
                spans.set(spans.size() - 1, new ReadWindow(last.from(), end.isAfter(last.to()) ? end : last.to()));
            } else {
                spans.add(new ReadWindow(start, end));
            }
        }
        return spans;
    }
}
