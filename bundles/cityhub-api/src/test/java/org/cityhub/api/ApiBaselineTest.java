package org.cityhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.Baseline.Info;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;

/**
 * The API's compatibility check, with the engine the build's baseline check runs (bnd): the API as built keeps
 * the released API's promises, and a breaking change made without a major version bump is caught.
 */
class ApiBaselineTest {

    private static final File RELEASED = new File("src/baseline/cityhub-api-1.0.0.jar");
    private static final File BUILT = new File("target/classes");

    @Test
    void theApiAsBuiltIsCompatibleWithTheReleasedOne() throws Exception {
        try (Jar built = new Jar(BUILT); Jar released = new Jar(RELEASED)) {
            assertThat(mismatches(built, released)).isEmpty();
        }
    }

    @Test
    void removingATypeWithoutAMajorVersionBumpIsCaught() throws Exception {
        try (Jar broken = new Jar(RELEASED); Jar released = new Jar(RELEASED)) {
            broken.remove("org/cityhub/api/thing/Location.class");

            List<Info> mismatches = mismatches(broken, released);

            assertThat(mismatches).extracting(info -> info.packageName).containsExactly("org.cityhub.api.thing");
            assertThat(mismatches.get(0).suggestedVersion.getMajor()).isEqualTo(2);
        }
    }

    @Test
    void everyApiPackageIsBaselined() throws Exception {
        try (Jar built = new Jar(BUILT); Jar released = new Jar(RELEASED); Processor reporter = new Processor()) {
            Set<Info> infos = new Baseline(reporter, new DiffPluginImpl()).baseline(built, released, null);
            assertThat(infos).extracting(info -> info.packageName).contains("org.cityhub.api.thing",
                    "org.cityhub.api.binding", "org.cityhub.api.types", "org.cityhub.api.event",
                    "org.cityhub.api.security");
        }
    }

    private static List<Info> mismatches(Jar newer, Jar older) throws Exception {
        try (Processor reporter = new Processor()) {
            return new Baseline(reporter, new DiffPluginImpl()).baseline(newer, older, null).stream()
                    .filter(info -> info.mismatch).toList();
        }
    }
}
