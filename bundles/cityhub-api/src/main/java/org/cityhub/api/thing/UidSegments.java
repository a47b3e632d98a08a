package org.cityhub.api.thing;

import java.util.regex.Pattern;

/** Validation shared by the UID types: each segment is {@code [A-Za-z0-9_-]+}. */
final class UidSegments {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");

    private UidSegments() {
    }

    static String check(String what, String segment) {
        if (segment == null || !SEGMENT.matcher(segment).matches()) {
            throw new IllegalArgumentException("invalid " + what + " '" + segment
                    + "': it may contain only letters, digits, '_' and '-', and must not be empty");
        }
        return segment;
    }

    static String[] split(String what, String text, int expected, String shape) {
        if (text == null) {
            throw new IllegalArgumentException("missing " + what + ": expected " + shape);
        }
        String[] segments = text.split(":", -1);
        if (segments.length != expected) {
            throw new IllegalArgumentException(
                    "invalid " + what + " '" + text + "': expected " + shape + " (" + expected + " segments separated by ':')");
        }
        return segments;
    }
}
