package org.cityhub.console.internal.command;

import org.cityhub.api.persistence.ChannelHistory;
import org.eclipse.jdt.annotation.Nullable;

/** What the {@code cityhub:history*} commands share. */
final class HistoryCommands {

    private HistoryCommands() {
    }

    /** The history service, or an error that says how to get it. */
    static ChannelHistory running(@Nullable ChannelHistory history) {
        if (history == null) {
            throw new IllegalStateException("history is not running: feature:install cityhub-history");
        }
        return history;
    }
}
