package org.cityhub.api.persistence;

import java.time.Instant;

import org.eclipse.jdt.annotation.Nullable;

/**
 * What a store says about itself, for status pages.
 *
 * @param description which database, where, e.g. {@code SQLite 3.53.4 at state/history/history.db}
 * @param oldest the time of the oldest point it keeps, or {@code null} if it keeps none
 * @param bytes the disk it uses, or -1 if it cannot tell
 * @param summarisedUntil up to when points are summarised per hour, or {@code null} if none are
 */
public record StoreInfo(String description, @Nullable Instant oldest, long bytes, @Nullable Instant summarisedUntil) {
}
