package org.cityhub.core.internal.storage;

import java.io.IOException;
import java.nio.file.Path;

import org.cityhub.json.AtomicFiles;

/**
 * Writes a file so that a crash at any moment leaves either the old or the new content ({@link AtomicFiles}, which
 * the bundles outside core use too).
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    /** Replaces the file's content atomically, creating parent folders as needed. */
    public static void write(Path target, byte[] content) throws IOException {
        AtomicFiles.write(target, content);
    }
}
