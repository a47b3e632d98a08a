package org.cityhub.core.internal.thing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.cityhub.api.config.Secrets;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingType;

/**
 * Masks a thing's secrets for everyone but its handler. With its thing type installed, exactly the parameters the
 * type marks secret; without it (a binding not installed yet, or removed), every parameter whose name looks like
 * a credential, so that uninstalling a binding never uncovers its things' passwords.
 */
public final class SecretMask {

    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api.?key|psk|private.?key|client.?key|credential).*");

    private SecretMask() {
    }

    /** The thing as everyone but its handler sees it. */
    public static Thing masked(Thing thing, Optional<ThingType> type) {
        if (type.isPresent()) {
            return Secrets.masked(thing, type.get());
        }
        Map<String, Object> configuration = new LinkedHashMap<>(thing.configuration());
        boolean changed = false;
        for (String name : thing.configuration().keySet()) {
            if (CREDENTIAL.matcher(name).matches()) {
                configuration.put(name, Secrets.SET);
                changed = true;
            }
        }
        return changed ? thing.withConfiguration(configuration) : thing;
    }
}
