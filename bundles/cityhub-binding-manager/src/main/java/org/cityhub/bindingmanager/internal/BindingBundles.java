package org.cityhub.bindingmanager.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Optional;

import org.cityhub.json.Json;
import org.osgi.framework.Bundle;

/** Recognises binding bundles: they ship thing-type descriptors, whose {@code binding} field names them. */
final class BindingBundles {

    static final String DESCRIPTOR_FOLDER = "CITYHUB-INF/thing-types/";

    private BindingBundles() {
    }

    /** The binding id of the bundle, read without resolving it; empty if it is not a binding. */
    static Optional<String> bindingId(Bundle bundle) {
        Enumeration<String> paths = bundle.getEntryPaths(DESCRIPTOR_FOLDER);
        while (paths != null && paths.hasMoreElements()) {
            String path = paths.nextElement();
            URL entry = path.endsWith(".json") ? bundle.getEntry(path) : null;
            if (entry != null) {
                try (InputStream in = entry.openStream()) {
                    String id = Json.parse(in).path("binding").asText("");
                    if (!id.isEmpty()) {
                        return Optional.of(id);
                    }
                } catch (IOException e) {
                    // an unreadable descriptor names no binding; the thing-type extender reports it
                }
            }
        }
        return Optional.empty();
    }
}
