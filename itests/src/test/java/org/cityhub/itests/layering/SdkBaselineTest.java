package org.cityhub.itests.layering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.Manifest;

import org.junit.Test;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.Baseline.Info;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;

/**
 * The semantic-version check of every released bundle (what vendors build against, and the model's JSON form),
 * with the engine the build's baseline check runs (bnd): each bundle as built keeps its last release's promises,
 * every package it exports is checked, and a breaking change made without a major version bump is caught.
 */
public class SdkBaselineTest {

    private static final File ROOT = new File(System.getProperty("cityhub.root", ".."));
    private static final List<String> RELEASED = List.of("cityhub-api", "cityhub-transform", "cityhub-test",
            "cityhub-json");

    @Test
    public void everyReleasedBundleAsBuiltIsCompatibleWithItsRelease() throws Exception {
        for (String module : RELEASED) {
            try (Jar built = new Jar(built(module)); Jar released = new Jar(release(module))) {
                assertThat(mismatches(built, released)).as(module).isEmpty();
            }
        }
    }

    @Test
    public void everyExportedPackageIsBaselined() throws Exception {
        for (String module : RELEASED) {
            try (Jar built = new Jar(built(module)); Jar released = new Jar(release(module));
                    Processor reporter = new Processor()) {
                Set<Info> infos = new Baseline(reporter, new DiffPluginImpl()).baseline(built, released, null);
                assertThat(infos).as(module).extracting(info -> info.packageName)
                        .containsAll(exported(built(module)));
            }
        }
    }

    @Test
    public void removingATypeWithoutAMajorVersionBumpIsCaughtInEveryReleasedBundle() throws Exception {
        for (String module : RELEASED) {
            try (Jar broken = new Jar(release(module)); Jar released = new Jar(release(module))) {
                String victim = broken.getResources().keySet().stream()
                        .filter(path -> path.endsWith(".class") && !path.endsWith("package-info.class")
                                && !path.contains("$"))
                        .sorted().findFirst().orElseThrow();
                broken.remove(victim);

                List<Info> mismatches = mismatches(broken, released);

                assertThat(mismatches).as(module + " without " + victim).hasSize(1);
                assertThat(mismatches.get(0).suggestedVersion.getMajor())
                        .isEqualTo(mismatches.get(0).olderVersion.getMajor() + 1);
            }
        }
    }

    private static File built(String module) {
        return new File(ROOT, "bundles/" + module + "/target/classes");
    }

    private static File release(String module) {
        File[] jars = new File(ROOT, "bundles/" + module + "/src/baseline").listFiles((dir, name) ->
                name.startsWith(module + "-") && name.endsWith(".jar"));
        assertThat(jars).as(module + "'s release in src/baseline/").hasSize(1);
        return jars[0];
    }

    private static List<String> exported(File classes) throws Exception {
        try (InputStream in = new FileInputStream(new File(classes, "META-INF/MANIFEST.MF"))) {
            return new ArrayList<>(new Parameters(new Manifest(in).getMainAttributes().getValue("Export-Package"))
                    .keySet());
        }
    }

    private static List<Info> mismatches(Jar newer, Jar older) throws Exception {
        try (Processor reporter = new Processor()) {
            return new Baseline(reporter, new DiffPluginImpl()).baseline(newer, older, null).stream()
                    .filter(info -> info.mismatch).toList();
        }
    }
}
