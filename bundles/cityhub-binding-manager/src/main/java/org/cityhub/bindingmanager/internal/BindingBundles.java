package org.cityhub.bindingmanager.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

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
                    Optional<String> id = bindingIdOf(in);
                    if (id.isPresent()) {
                        return id;
                    }
                } catch (IOException e) {
                    // an unreadable descriptor names no binding; the thing-type extender reports it
                }
            }
        }
        return Optional.empty();
    }

    /** The binding id of a bundle's jar, read from its descriptors before it is installed; empty if none. */
    static Optional<String> bindingIdOf(Path jar) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                String name = entry.getName();
                if (name.startsWith(DESCRIPTOR_FOLDER) && name.endsWith(".json")) {
                    Optional<String> id = bindingIdOf(in);
                    if (id.isPresent()) {
                        return id;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> bindingIdOf(InputStream descriptor) {
        try {
            String id = Json.parse(new NonClosing(descriptor)).path("binding").asText("");
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Lets a parser read one entry of a jar without closing the jar. */
    private static final class NonClosing extends FilterInputStream {

        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the jar stays open for its next entry
        }
    }
}
