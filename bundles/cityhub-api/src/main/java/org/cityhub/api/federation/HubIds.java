package org.cityhub.api.federation;

import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.Nullable;

/** Hub ids: what each hub of a federation is called, in Kafka's topic names and in its things' sources. */
public final class HubIds {

    /** The prefix of a remote thing's source: {@code remote:<hub>}. */
    public static final String SOURCE_PREFIX = "remote:";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private HubIds() {
    }

    /**
     * @return the id
     * @throws IllegalArgumentException if it is not 1 to 63 lower-case letters, digits and '-', starting with a
     *             letter or digit
     */
    public static String check(@Nullable String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("hub id '" + id + "' must be 1 to 63 lower-case letters, digits and"
                    + " '-', starting with a letter or a digit");
        }
        return id;
    }

    /** The source of the things of a hub: {@code remote:<hub>}. */
    public static String source(String hub) {
        return SOURCE_PREFIX + check(hub);
    }

    /** The hub a source names, if it is a remote thing's source. */
    public static Optional<String> hubOf(@Nullable String source) {
        return source != null && source.startsWith(SOURCE_PREFIX)
                ? Optional.of(source.substring(SOURCE_PREFIX.length()))
                : Optional.empty();
    }
}
