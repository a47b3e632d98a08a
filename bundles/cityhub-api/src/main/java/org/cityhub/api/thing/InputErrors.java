package org.cityhub.api.thing;

import java.time.Instant;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

/**
 * What a thing's device or system sent that its binding could not use (a payload that is not JSON, a value out of
 * range, an answer too large), counted since the thing's handler started. The REST API and the console show it
 * next to the thing's status.
 *
 * @param count every refused input
 * @param byChannel refused inputs per channel id, for those the binding could tie to a channel
 * @param lastReason why the last input was refused, or {@code null} if none was
 * @param lastAt when the last input was refused, or {@code null} if none was
 */
public record InputErrors(long count, Map<String, Long> byChannel, @Nullable String lastReason,
        @Nullable Instant lastAt) {

    /** No refused input. */
    public static final InputErrors NONE = new InputErrors(0, Map.of(), null, null);

    /** Copies the map. */
    public InputErrors {
        byChannel = Map.copyOf(byChannel);
    }
}
