package org.cityhub.api.sharing;

import java.util.Arrays;
import java.util.Locale;

/** What a grant lets its grantee do with what it selects. */
public enum Right {
    /** See the things, their statuses and the selected channels' states, live and in history. */
    READ,
    /** Send commands to the selected channels (always together with {@link #READ}). */
    COMMAND;

    /** The right's name in JSON and on the console: {@code read} or {@code command}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The right named so.
     *
     * @throws IllegalArgumentException naming the rights there are
     */
    public static Right parse(String id) {
        return Arrays.stream(values()).filter(right -> right.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + id + "' is not a right: use read or command"));
    }
}
