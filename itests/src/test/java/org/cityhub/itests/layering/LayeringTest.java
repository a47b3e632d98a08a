package org.cityhub.itests.layering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * The layering of {@code docs/architecture.md}, checked on what OSGi wires: the {@code Import-Package} headers of
 * every bundle the build made. The API imports nothing of ours; the SDK (transform, test kit) and the model's JSON
 * form import the API; core imports the API and JSON; REST, console and binding manager import the API and JSON,
 * never core; bindings, including one a vendor generates from the archetype, import the API and the SDK only.
 */
public class LayeringTest {

    private static final File ROOT = new File(System.getProperty("cityhub.root", ".."));
    private static final Pattern OUR_PACKAGE = Pattern.compile("(org\\.cityhub\\.[a-z0-9_.]+)");

    private static final List<String> API = List.of("org.cityhub.api.");
    private static final List<String> API_JSON = List.of("org.cityhub.api.", "org.cityhub.json");
    private static final List<String> SDK = List.of("org.cityhub.api.", "org.cityhub.transform");

    /** Bundle symbolic name (or its start, ending in '.') to the packages of ours it may import. */
    private static final Map<String, List<String>> MAY_IMPORT = Map.ofEntries(
            Map.entry("org.cityhub.api", List.of()),
            Map.entry("org.cityhub.json", API),
            Map.entry("org.cityhub.transform", API),
            Map.entry("org.cityhub.test", API_JSON),
            Map.entry("org.cityhub.core", API_JSON),
            Map.entry("org.cityhub.rest", API_JSON),
            Map.entry("org.cityhub.console", API_JSON),
            Map.entry("org.cityhub.bindingmanager", API_JSON),
            Map.entry("org.cityhub.history", API_JSON),
            Map.entry("org.cityhub.rules", API_JSON),
            Map.entry("org.cityhub.federation", API_JSON),
            // the web console talks to the hub over /api from the browser: it imports nothing of ours
            Map.entry("org.cityhub.ui", List.of()),
            Map.entry("org.cityhub.binding.", SDK),
            Map.entry("com.example.", SDK));

    @Test
    public void everyBundleImportsOnlyWhatItsLayerMay() throws IOException {
        List<File> bundles = bundles();
        assertThat(bundles).as("bundles found under " + ROOT.getCanonicalPath()).hasSizeGreaterThanOrEqualTo(13);
        List<String> violations = new ArrayList<>();
        for (File bundle : bundles) {
            Attributes manifest = manifest(bundle);
            String name = manifest.getValue("Bundle-SymbolicName").split(";")[0];
            List<String> allowed = allowedFor(name);
            for (String imported : ours(manifest.getValue("Import-Package"))) {
                boolean own = imported.startsWith(name + ".") || imported.equals(name);
                if (!own && allowed.stream().noneMatch(imported::startsWith)) {
                    violations.add(name + " imports " + imported + " (it may import " + allowed + ")");
                }
            }
        }
        assertThat(violations).as("imports against the layering").isEmpty();
    }

    @Test
    public void coreExportsNothing() throws IOException {
        File core = bundles().stream().filter(f -> f.getName().startsWith("cityhub-core-")).findFirst().orElseThrow();
        assertThat(manifest(core).getValue("Export-Package")).as("core's exports").isNull();
    }

    @Test
    public void aBundleImportingCoreIsCaught() {
        assertThat(ours("org.cityhub.api.thing;version=\"[2.0,3)\",org.cityhub.core.internal;version=\"1.0\""))
                .containsExactly("org.cityhub.api.thing", "org.cityhub.core.internal");
        assertThat(allowedFor("org.cityhub.rest").stream().noneMatch("org.cityhub.core.internal"::startsWith))
                .isTrue();
        assertThat(allowedFor("org.cityhub.binding.mqtt")).doesNotContain("org.cityhub.json");
    }

    private static List<String> allowedFor(String bundle) {
        return MAY_IMPORT.entrySet().stream()
                .filter(e -> e.getKey().endsWith(".") ? bundle.startsWith(e.getKey()) : bundle.equals(e.getKey()))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("bundle " + bundle + " has no layer: add it to LayeringTest"
                        + " and docs/architecture.md"));
    }

    private static List<String> ours(String importPackage) {
        List<String> packages = new ArrayList<>();
        if (importPackage == null) {
            return packages;
        }
        // package names start each clause; attribute values (versions) never look like org.cityhub.x
        for (String clause : importPackage.split(",(?=[a-zA-Z])")) {
            Matcher matcher = OUR_PACKAGE.matcher(clause);
            if (clause.startsWith("org.cityhub.") && matcher.lookingAt()) {
                packages.add(matcher.group(1));
            }
        }
        return packages;
    }

    private static List<File> bundles() throws IOException {
        List<File> jars = new ArrayList<>();
        for (String group : List.of("bundles", "bindings")) {
            File[] modules = new File(ROOT, group).listFiles(File::isDirectory);
            for (File module : modules == null ? new File[0] : modules) {
                File[] built = new File(module, "target").listFiles((dir, file) -> file.equals(module.getName() + "-"
                        + System.getProperty("cityhub.version", "0.1.0-SNAPSHOT") + ".jar"));
                Stream.of(built == null ? new File[0] : built).forEach(jars::add);
            }
        }
        String vendor = System.getProperty("cityhub.vendor.binding");
        if (vendor != null) {
            jars.add(new File(vendor));
        }
        return jars;
    }

    private static Attributes manifest(File jar) throws IOException {
        try (JarFile file = new JarFile(jar)) {
            return file.getManifest().getMainAttributes();
        }
    }
}
