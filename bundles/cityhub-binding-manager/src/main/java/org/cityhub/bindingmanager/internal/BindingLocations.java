package org.cityhub.bindingmanager.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.cityhub.api.admin.BindingChangeException;
import org.cityhub.api.admin.BindingChangeException.Reason;
import org.cityhub.api.outbound.DestinationRefusedException;
import org.cityhub.api.outbound.OutboundPolicy;

/**
 * Where a binding's bundle may come from: a Maven coordinate ({@code mvn:group/artifact/version}, fetched from the
 * repositories Karaf is configured with, never from one the location names), a file on the hub, or an http(s) URL
 * the outbound policy admits. Anything else ({@code wrap:}, {@code jar:}, a repository inside {@code mvn:}) is
 * refused before anything is fetched.
 */
final class BindingLocations {

    private BindingLocations() {
    }

    /** Whether the text is meant as a location rather than a feature name. */
    static boolean isLocation(String text) {
        return text.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.+");
    }

    /**
     * Checks a location before it is fetched.
     *
     * @throws BindingChangeException {@code INVALID}, saying why, if the location may not be used
     */
    static void check(String location, OutboundPolicy outbound) throws BindingChangeException {
        String scheme = location.substring(0, location.indexOf(':')).toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "mvn" -> {
                if (location.contains("!") || location.substring(4).matches("(?i)^(https?|file):.*")) {
                    throw invalid(location, "a mvn: location may not name a repository; add repositories to"
                            + " org.ops4j.pax.url.mvn.repositories in etc/org.ops4j.pax.url.mvn.cfg");
                }
            }
            case "file" -> {
                // a file the admin put on the hub
            }
            case "http", "https" -> admit(location, outbound);
            default -> throw invalid(location, "bindings come from mvn:, file:, http: or https: locations");
        }
    }

    private static void admit(String location, OutboundPolicy outbound) throws BindingChangeException {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw invalid(location, e.getMessage());
        }
        try {
            outbound.admit(uri);
        } catch (DestinationRefusedException e) {
            throw invalid(location, e.getMessage());
        } catch (IOException e) {
            throw new BindingChangeException(Reason.FAILED, "bundle " + location + " cannot be fetched: " + e);
        }
    }

    private static BindingChangeException invalid(String location, String why) {
        return new BindingChangeException(Reason.INVALID, "'" + location + "' is refused: " + why);
    }
}
