package org.cityhub.core.internal.thing.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.cityhub.api.thing.DefinitionProblem;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.thing.ThingFixtures;
import org.cityhub.core.internal.thing.ThingManager;
import org.cityhub.core.internal.thing.state.BindingErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThingFileWatcherTest {

    private static final ThingUID RIVER = ThingUID.parse("test:gauge:river");
    private static final ThingUID LAKE = ThingUID.parse("test:gauge:lake");

    @TempDir
    Path folder;

    private final ThingFixtures.MapTypes types = new ThingFixtures.MapTypes();
    private ThingManager manager;
    private ThingFileWatcher watcher;
    private int edits;

    @BeforeEach
    void start() throws Exception {
        types.put(ThingFixtures.GAUGE_TYPE);
        manager = new ThingManager(new ThingFixtures.RecordingBus(), types, new BindingErrors(), ThingFixtures.config(1));
        write("water.json", things(RIVER, LAKE));
        watcher = new ThingFileWatcher(manager, types, config());
    }

    @AfterEach
    void stop() {
        watcher.stop();
        manager.stop();
    }

    @Test
    void readsEveryFileAtStart() {
        assertThat(manager.get(RIVER)).isPresent();
        assertThat(manager.getSource(LAKE)).contains("water.json");
        assertThat(manager.getProblems()).isEmpty();
    }

    @Test
    void aChangedFileAddsAndRemovesThingsAndADeletedFileTakesItsThings() throws Exception {
        write("water.json", things(RIVER));
        watcher.scan();
        assertThat(manager.get(LAKE)).isEmpty();

        Files.delete(folder.resolve("water.json"));
        watcher.scan();
        assertThat(manager.getAll()).isEmpty();
    }

    @Test
    void aBrokenFileIsReportedWithItsLineAndKeepsItsPreviousThings() throws Exception {
        write("water.json", "{\"things\": [\n  {\"uid\": \"test:gauge:river\", \"label\": \"River\"},\n"
                + "  {\"uid\": \"test:gauge:lake\", \"label\": \"Lake\", \"configuration\": {\"depth\": 0}}\n]}");
        write("other.json", "{\"things\": [ {\"uid\": ");
        watcher.scan();

        assertThat(manager.get(LAKE)).isPresent();
        assertThat(manager.getProblems()).extracting(DefinitionProblem::file, DefinitionProblem::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("other.json", 1),
                        org.assertj.core.groups.Tuple.tuple("water.json", 3));
        assertThat(manager.getProblems().get(1).message())
                .isEqualTo("thing test:gauge:lake: parameter 'depth' = 0 is below its minimum 1");
        assertThat(manager.getProblems().get(0).message()).startsWith("not valid JSON");

        write("water.json", things(RIVER, LAKE));
        watcher.scan();
        assertThat(manager.getProblems()).extracting(DefinitionProblem::file).containsExactly("other.json");
    }

    @Test
    void aUidDefinedByTwoFilesIsAProblemOfTheSecond() throws Exception {
        write("more.json", things(RIVER));
        watcher.scan();

        assertThat(manager.getSource(RIVER)).contains("water.json");
        assertThat(manager.getProblems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("thing test:gauge:river is already defined by water.json"));
    }

    private void write(String name, String content) throws Exception {
        Path file = folder.resolve(name);
        Files.writeString(file, content);
        // a distinct modification time per edit, however fast the test runs
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++edits)));
    }

    private static String things(ThingUID... uids) {
        StringBuilder json = new StringBuilder("{\"things\": [");
        for (int i = 0; i < uids.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"uid\": \"").append(uids[i]).append("\", \"label\": \"")
                    .append(uids[i].id()).append("\"}");
        }
        return json.append("]}").toString();
    }

    private ThingFileWatcher.Config config() {
        return new ThingFileWatcher.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ThingFileWatcher.Config.class;
            }

            @Override
            public String thingsDirectory() {
                return folder.toString();
            }

            @Override
            public int pollSeconds() {
                return 3600; // the tests scan by hand
            }
        };
    }
}
