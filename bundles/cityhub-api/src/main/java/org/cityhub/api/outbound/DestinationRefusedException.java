package org.cityhub.api.outbound;

import java.io.IOException;

/**
 * The outbound policy refuses a destination. The message names the destination and the rule that refuses it, and
 * is meant for the thing's status: a binding reports it as {@code OFFLINE / CONFIGURATION_ERROR}, because only a
 * change of the thing's configuration or of the policy mends it.
 */
public final class DestinationRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A refusal with its reason, for the thing's status. */
    public DestinationRefusedException(String message) {
        super(message);
    }
}
