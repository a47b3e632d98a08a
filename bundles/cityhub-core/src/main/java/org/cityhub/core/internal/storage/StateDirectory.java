package org.cityhub.core.internal.storage;

import java.nio.file.Path;

/**
 * Where the hub keeps what must survive a restart (managed things, the event sequence, snapshots): the
 * distribution's {@code state/} folder, not {@code data/}, which Karaf treats as a cache.
 */
public final class StateDirectory {

    private StateDirectory() {
    }

    /** The configured folder if set, else {@code ${karaf.base}/state}, else {@code ./state}. */
    public static Path resolve(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("karaf.base", "."), "state");
    }
}
