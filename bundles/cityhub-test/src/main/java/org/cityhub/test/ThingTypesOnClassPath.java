package org.cityhub.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.cityhub.api.thing.ThingType;
import org.cityhub.json.ThingTypeDescriptors;

/** The thing types a binding ships, read from {@code CITYHUB-INF/thing-types/} on its class path as the hub reads them. */
final class ThingTypesOnClassPath {

    private static final String FOLDER = "CITYHUB-INF/thing-types/";

    private ThingTypesOnClassPath() {
    }

    static List<ThingType> read(ClassLoader loader) {
        List<ThingType> types = new ArrayList<>();
        try {
            Enumeration<URL> folders = loader.getResources(FOLDER);
            while (folders.hasMoreElements()) {
                URL folder = folders.nextElement();
                if (folder.getProtocol().equals("jar")) {
                    readJar((JarURLConnection) folder.openConnection(), types);
                } else {
                    readFolder(Path.of(folder.toURI()), types);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the thing-type descriptors could not be read", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a descriptor folder has no valid location", e);
        }
        return types;
    }

    private static void readFolder(Path folder, List<ThingType> types) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    types.addAll(ThingTypeDescriptors.read(in, file.toString()));
                }
            }
        }
    }

    private static void readJar(JarURLConnection connection, List<ThingType> types) throws IOException {
        try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith(FOLDER) && entry.getName().endsWith(".json")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        types.addAll(ThingTypeDescriptors.read(in, jar.getName() + "!/" + entry.getName()));
                    }
                }
            }
        }
    }
}
